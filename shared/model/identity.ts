import { z } from 'zod';

/**
 * This PC's identity: the office it belongs to and whether it is a supervisor installation. Kept apart from the other
 * schemas (schemas.ts re-exports it) so the window's first screen can check the stored identity without building
 * them all (renderer/db/identityRow.ts).
 */
export const INSTALLATION_ROLES = ['department', 'supervisor'] as const;
export const IdentitySchema = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  office: z.string().trim().min(1, '请选择或填写本机所属单位').max(200),
  role: z.enum(INSTALLATION_ROLES),
});
export type Identity = z.infer<typeof IdentitySchema>;
