import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db/client";
import { seedDemoForApi } from "./demo-data";
import { personCaller, type TestCaller } from "./signed-request";

export interface DemoApiFixture {
  /** Company ids; from the file's beforeAll on. */
  readonly acme: string;
  readonly globex: string;
  /** Acme's owner and viewer, Globex's owner, as signed-in people. */
  readonly owner: TestCaller;
  readonly viewer: TestCaller;
  readonly globexOwner: TestCaller;
}

/**
 * Registers the hooks an API file over the demo data needs: the demo seeded with caches invalidated
 * (beforeAll) and the database pool closed (afterAll). Call it at the top of the file, before any
 * hook of its own that reads the fixture.
 */
export function setupDemoApi(): DemoApiFixture {
  let demo: DemoApiFixture | undefined;

  const started = () => {
    if (!demo) throw new Error("setupDemoApi: the demo is not seeded yet (read it in a hook or a test)");
    return demo;
  };

  beforeAll(async () => {
    const { ids } = await seedDemoForApi();
    const acme = ids.companies.acme;
    const globex = ids.companies.globex;
    demo = {
      acme,
      globex,
      owner: personCaller({ userId: ids.users["owner@acme.test"]!, companyId: acme, role: "owner" }),
      viewer: personCaller({ userId: ids.users["viewer@acme.test"]!, companyId: acme, role: "viewer" }),
      globexOwner: personCaller({ userId: ids.users["owner@globex.test"]!, companyId: globex, role: "owner" }),
    };
  });
  afterAll(async () => {
    await closeDb();
  });

  return {
    get acme() {
      return started().acme;
    },
    get globex() {
      return started().globex;
    },
    get owner() {
      return started().owner;
    },
    get viewer() {
      return started().viewer;
    },
    get globexOwner() {
      return started().globexOwner;
    },
  };
}
