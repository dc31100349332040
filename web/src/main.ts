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
  if (router.currentRoute.value.name !== 'login') {
    void router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
  }
});

createApp(App).use(i18n).use(router).mount('#app');
