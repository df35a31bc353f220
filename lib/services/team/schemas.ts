import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { ROLES } from "@/lib/auth/roles";
import { idSchema } from "@/lib/ids/id-schema";

/** The invitation email of one invite (lib/services/team/send-team-invite.ts). */
export const teamInviteEmailSchema = z.object({
  companyId: idSchema("company"),
  /** The invites row: one email per invite, however often this is called. */
  inviteId: idSchema(),
  to: z.email(),
  role: z.string().min(1).max(32),
  inviterName: z.string().min(1).max(191),
  /** The link that accepts the invite (carries the invite's token). */
  acceptUrl: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must be an http(s) URL"),
});
export type TeamInviteEmail = z.input<typeof teamInviteEmailSchema>;

// ── API: members ────────────────────────────────────────────────────────────

const isoInstant = z.iso.datetime({ offset: true });
const roleSchema = z.enum(ROLES);

/** GET /api/v1/team/members?limit=&cursor= (in joining order, keyset on the membership id). */
export const listMembersQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: idSchema("membership", "Not a cursor from a previous page.").optional(),
  })
  .strict();
export type ListMembersQuery = z.infer<typeof listMembersQuerySchema>;

export const memberParamsSchema = z.object({ userId: idSchema() });

/** PATCH /api/v1/team/members/{userId} */
export const changeRoleRequestSchema = z.object({ role: roleSchema }).strict();
export type ChangeRoleRequest = z.infer<typeof changeRoleRequestSchema>;

/** One person of the company as the team page shows them (no hash, no generation). */
export const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  joinedAt: isoInstant,
  lastLoginAt: isoInstant.nullable(),
  disabled: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;
export const memberListSchema = z.array(memberSchema);

/** The answer to a role change or an ownership transfer. */
export const roleChangeResultSchema = z.object({ userId: z.string(), role: roleSchema, changed: z.boolean() });

/** The answer to a removal. */
export const memberRemovedSchema = z.object({ userId: z.string(), removed: z.literal(true) });

/** The answer to an ownership transfer: the new owner, and the role the previous one keeps. */
export const ownershipTransferSchema = z.object({
  ownerUserId: z.string(),
  previousOwnerUserId: z.string(),
  previousOwnerRole: roleSchema,
});
export type OwnershipTransfer = z.infer<typeof ownershipTransferSchema>;

// ── API: invites ────────────────────────────────────────────────────────────

/** An invite lives this long; a resend starts a new one. */
export const INVITE_TTL_SECONDS = 7 * 24 * 60 * 60;

export const INVITE_STATUSES = ["pending", "expired", "accepted", "revoked"] as const;

/** POST /api/v1/team/invites */
export const createInviteRequestSchema = z
  .object({
    email: z.email("Not an email address.").max(191),
    role: roleSchema,
  })
  .strict();
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;

/** GET /api/v1/team/invites?limit=&cursor= (open invites, newest first). */
export const listInvitesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: idSchema("invite", "Not a cursor from a previous page.").optional(),
  })
  .strict();
export type ListInvitesQuery = z.infer<typeof listInvitesQuerySchema>;

export const inviteParamsSchema = z.object({ id: idSchema() });

/** An invite as the team page shows it: never its token or the token's hash. */
export const inviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(INVITE_STATUSES),
  invitedBy: z.string(),
  invitedByName: z.string().nullable(),
  expiresAt: isoInstant,
  createdAt: isoInstant,
  /** False when the email could not be queued (the invite stands; resend it). */
  emailQueued: z.boolean().optional(),
});
export type PublicInvite = z.infer<typeof inviteSchema>;
export const inviteListSchema = z.array(inviteSchema);

// ── API: accept ─────────────────────────────────────────────────────────────

/**
 * POST /api/v1/invites/accept. A new person sends name and password; a person who already has an
 * account is signed in as the invited email, or sends that account's password.
 */
export const acceptInviteRequestSchema = z
  .object({
    token: z.string().min(20).max(128),
    name: z.string().trim().min(1, "Enter your name.").max(191).optional(),
    password: z.string().min(1, "Enter a password.").max(200).optional(),
  })
  .strict();
export type AcceptInviteRequest = z.infer<typeof acceptInviteRequestSchema>;

export const acceptedInviteSchema = z.object({
  companyId: z.string(),
  companyName: z.string(),
  role: roleSchema,
  email: z.string(),
  /** True when the account was created by this acceptance. */
  accountCreated: z.boolean(),
});
export type AcceptedInvite = z.infer<typeof acceptedInviteSchema>;

// ── API: permissions ────────────────────────────────────────────────────────

/** GET /api/v1/team/permissions: the matrix of lib/auth/permissions.ts, roles strongest first. */
export const permissionMatrixSchema = z.object({
  roles: z.array(roleSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
  grants: z.record(roleSchema, z.array(z.enum(PERMISSIONS))),
});
export type PermissionMatrix = z.infer<typeof permissionMatrixSchema>;
