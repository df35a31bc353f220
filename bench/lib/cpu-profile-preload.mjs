// Preloaded by profile:gateway through NODE_OPTIONS (Node 20 refuses --cpu-prof there): samples this
// process's main thread every PROFILE_INTERVAL_US µs (default 250) and writes <script>.<pid>.cpuprofile into PROFILE_DIR on exit.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: Number(process.env.PROFILE_INTERVAL_US) || 250 });
  session.post("Profiler.start");
  process.once("exit", () => {
    // The in-process inspector answers synchronously, so this runs to the end inside 'exit'.
    session.post("Profiler.stop", (err, result) => {
      if (err || !result) return;
      const script = path.basename(process.argv[1] ?? "node").replace(/\.\w+$/, "");
      writeFileSync(path.join(dir, `${script}.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
