/**
 * The playground's state in the URL fragment, `#config=<base64url of the UTF-8 text>&version=<v>&
 * deployment=<d>&dialect=<kind>`, so that a link reproduces what someone saw. A fragment is never
 * sent to a server, and nothing here touches the page (no DOM), so the round trip is plain code.
 */

/** What a link carries; absent fields keep the page's defaults. */
export interface PlaygroundState {
  config: string;
  version: string;
  deployment: string;
  dialect: string;
}

/** The fragment (with its `#`) for a state; `URLSearchParams` leaves base64url and versions as they are. */
export function encodeFragment(state: PlaygroundState): string {
  const params = new URLSearchParams();
  params.set("config", encodeBase64Url(state.config));
  params.set("version", state.version);
  params.set("deployment", state.deployment);
  params.set("dialect", state.dialect);
  return `#${params.toString()}`;
}

/**
 * The state a fragment holds: each field it sets, and the reason when `config` is there but is
 * not base64url of UTF-8 (a link cut short, or edited by hand).
 */
export function decodeFragment(hash: string): { state: Partial<PlaygroundState>; error?: string } {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const state: Partial<PlaygroundState> = {};
  for (const name of ["version", "deployment", "dialect"] as const) {
    const value = params.get(name);
    if (value !== null) state[name] = value;
  }
  const config = params.get("config");
  if (config === null) return { state };
  const text = decodeBase64Url(config);
  if (text === undefined) return { state, error: "the link's config= is not base64url-encoded UTF-8 text; showing the example instead" };
  state.config = text;
  return { state };
}

/** base64url (RFC 4648 §5, no padding) of the text's UTF-8 bytes. */
export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  // In slices: String.fromCharCode(...bytes) of a large file would overflow the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The text whose UTF-8 bytes `encoded` is (base64url, or base64; padding optional); undefined when it is not. */
export function decodeBase64Url(encoded: string): string | undefined {
  // A `+` of plain base64 arrives as a space when the link went through a form encoder.
  const base64 = encoded.trim().replace(/[ -]/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(base64) || base64.length % 4 === 1) return undefined;
  const bytes = Uint8Array.from(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  try {
    // ignoreBOM keeps a leading U+FEFF: it is part of the file (Flink reads it into the first key).
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
