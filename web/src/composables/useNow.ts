// One ticking clock for every countdown on the page.
import { onBeforeUnmount, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: number | undefined;

export function useNow(): Ref<number> {
  if (users++ === 0) timer = window.setInterval(() => (now.value = Date.now()), 1000);
  onBeforeUnmount(() => {
    if (--users === 0) window.clearInterval(timer);
  });
  now.value = Date.now();
  return now;
}
