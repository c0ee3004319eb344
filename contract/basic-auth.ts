/**
 * What HTTP Basic authentication (RFC 7617) can carry: the service sends a Basic connector's
 * `username:password` base64-encoded and the receiver splits it at the first ":", so a
 * user name containing ":" can never authenticate (RFC 7617 §2: "a user-id containing a
 * colon character is invalid"). A password may contain ":".
 */

/**
 * Whether `username` can be sent as an HTTP Basic user-id (`custom.username` of a Basic
 * connector, SPEC §1, §4): it must not contain ":".
 *
 * @example
 * isBasicUserId("svc-orders");  // true
 * isBasicUserId("domain:user"); // false
 */
export function isBasicUserId(username: string): boolean {
  return !username.includes(":");
}
