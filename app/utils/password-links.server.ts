import { deployment } from "./deployment.server";

/**
 * The address of a one-time set-password link: on PUBLIC_URL when set (behind a proxy the request's
 * own address may be an internal one), else on the origin the administrator is using.
 */
export function passwordLink({ token, origin }: { token: string; origin: string }) {
  return new URL(`/wachtwoord/${token}`, deployment.publicOrigin ?? origin).href;
}
