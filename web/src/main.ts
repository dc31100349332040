import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import { applyLocale, forgetSession } from './composables/useSession';
import { onUnauthorized } from './api/client';
import './styles.css';

applyLocale(i18n.global.locale.value);
onUnauthorized(() => {
  forgetSession();
  const current = router.currentRoute.value;
  // Customers go back to the portal's own sign-in page, staff to theirs.
  const signInPage = current.path.startsWith('/portal') ? 'portal-sign-in' : 'login';
  if (current.name !== signInPage) {
    void router.push({ name: signInPage, query: { next: current.fullPath } });
  }
});

createApp(App).use(i18n).use(router).mount('#app');
