import { spawn } from "node:child_process";

/**
 * `guarded.ts <command> [args…]`: runs a program that cannot notice its parent's death (nginx) under a
 * Node process that can (exit-with-parent.ts, preloaded by the cluster): if the test runner dies, even
 * SIGKILLed, this stops the program instead of leaving it behind. SIGTERM is passed on (nginx: fast stop).
 */
const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error("usage: guarded.ts <command> [args…]");
const child = spawn(command, args, { stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
