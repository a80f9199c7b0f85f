// Shared exports of every kernel build.

/** First free byte after the module's static data; the JS loader starts its arena here. */
export function heap_base(): usize {
  return __heap_base;
}
