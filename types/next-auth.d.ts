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
  }
}
