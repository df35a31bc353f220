import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, type AccessTokenClaims } from "@/lib/auth/access-token";
import type { TokenPair } from "./schemas";

/** The response of the token and refresh endpoints. */
export async function signTokenPair(claims: AccessTokenClaims, refreshToken: string, now: Date): Promise<TokenPair> {
  return {
    accessToken: await signAccessToken(claims, { now }),
    refreshToken,
    tokenType: "Bearer",
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  };
}
