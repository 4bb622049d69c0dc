/**
 * Compose's byte values (`mem_limit: 2g`, `deploy.resources.limits.memory: 1536M`): compose-go reads
 * them with docker/go-units `RAMInBytes` — a decimal number, an optional space, then an optional
 * unit k, m, g, t, p (any case) with an optional `i` and `b`, every unit a power of 1024.
 */
const BYTE_VALUE = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
const POWER: Readonly<Record<string, bigint>> = { k: 1n, m: 2n, g: 3n, t: 4n, p: 5n };

/** The bytes of a byte value, or undefined when Compose would refuse it. */
export function parseByteValue(text: string): bigint | undefined {
  const match = BYTE_VALUE.exec(text.trim());
  if (!match) return undefined;
  const number = match[1] ?? "0";
  const unit = match[2]?.toLowerCase();
  const multiplier = unit === undefined ? 1n : 1024n ** (POWER[unit] ?? 0n);
  if (/^\d+$/.test(number)) return BigInt(number) * multiplier;
  // go-units: int64(float64(size) * float64(multiplier)).
  const value = Number.parseFloat(number) * Number(multiplier);
  return Number.isFinite(value) ? BigInt(Math.trunc(value)) : undefined;
}
