/**
 * The iteration order of a `java.util.HashMap<String, …>` filled by successive `put`s, which is the
 * order Flink prints its `-D key=value` dynamic configs in.
 */

/** Java's `String.hashCode()` (32-bit, over UTF-16 code units). */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/** Keys in HashMap iteration order: bucket by bucket, insertion order within a bucket (resizes keep it). */
export function javaHashMapOrder(keysInPutOrder: readonly string[]): string[] {
  let capacity = 16;
  // A put that makes size exceed 0.75 × capacity doubles the table.
  while (keysInPutOrder.length > capacity * 0.75) capacity *= 2;
  const bucketOf = (key: string): number => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keysInPutOrder
    .map((key, index) => ({ key, index, bucket: bucketOf(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.key);
}
