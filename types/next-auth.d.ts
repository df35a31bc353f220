import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      name?: string | null;
      email?: string | null;
      companyId: string | null;
      companyName: string | null;
      role: Role | null;
      isPlatformAdmin: boolean;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    companyId: string | null;
    companyName: string | null;
    role: Role | null;
    isPlatformAdmin: boolean;
    /** Epoch seconds of the sign-in itself: the session's absolute maximum age counts from here (lib/auth/session-policy.ts). */
    authAt?: number;
    /** The person's session generation at sign-in; the edge refuses the cookie once it is bumped. */
    gen?: number;
  }
}
