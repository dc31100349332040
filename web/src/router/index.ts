// The console's pages, each loaded on demand so that the sign-in page and the
// first queue carry only what they use.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { restoreSession } from '@/composables/useSession';
import { prefetchCase } from '@/pages/cases/useCaseRecord';
import { prefetchQueueRows } from '@/pages/queues/queueQuery';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/login/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/components/AppShell.vue'),
    children: [
      { path: '', name: 'home', component: { render: () => null } },
      { path: 'supplier', name: 'supplier', component: () => import('@/pages/supplier/SupplierPage.vue') },
      {
        path: 'queues/:queue',
        name: 'queue',
        component: () => import('@/pages/queues/QueuePage.vue'),
        // The rows are on their way while the page's code loads.
        beforeEnter: (to) => prefetchQueueRows(to.params.queue, to.query),
      },
      { path: 'cases/new', name: 'new-case', component: () => import('@/pages/cases/NewCasePage.vue') },
      {
        path: 'cases/:id(\\d+)',
        name: 'case',
        component: () => import('@/pages/cases/CasePage.vue'),
        beforeEnter: (to) => prefetchCase(to.params.id),
      },
      { path: 'customers/:id(\\d+)', name: 'customer', component: () => import('@/pages/customers/CustomerPage.vue') },
      { path: 'work/:list', name: 'work', component: () => import('@/pages/work/WorkPage.vue') },
      { path: 'reports/:report', name: 'reports', component: () => import('@/pages/reports/ReportsPage.vue') },
      { path: 'admin/directory/:tab', name: 'admin-directory', component: () => import('@/pages/admin/DirectoryPage.vue'), meta: { admin: true } },
      { path: 'admin/calendars', name: 'admin-calendars', component: () => import('@/pages/admin/CalendarsPage.vue'), meta: { admin: true } },
      { path: 'admin/sla-policies', name: 'admin-sla', component: () => import('@/pages/admin/SlaPoliciesPage.vue'), meta: { admin: true } },
      { path: 'admin/workflow', name: 'admin-workflow', component: () => import('@/pages/admin/WorkflowPage.vue'), meta: { admin: true } },
      { path: 'admin/mailboxes', name: 'admin-mailboxes', component: () => import('@/pages/admin/MailboxesPage.vue'), meta: { admin: true } },
      { path: 'admin/smtp', name: 'admin-smtp', component: () => import('@/pages/admin/SmtpSettingsPage.vue'), meta: { admin: true } },
      { path: 'admin/sms', name: 'admin-sms', component: () => import('@/pages/admin/SmsGatewayPage.vue'), meta: { admin: true } },
      { path: 'admin/telephony', name: 'admin-telephony', component: () => import('@/pages/admin/TelephonyPage.vue'), meta: { admin: true } },
      { path: 'admin/wechat', name: 'admin-wechat', component: () => import('@/pages/admin/WechatPage.vue'), meta: { admin: true } },
      { path: 'admin/robots', name: 'admin-robots', component: () => import('@/pages/admin/GroupRobotsPage.vue'), meta: { admin: true } },
      { path: 'admin/letter-templates', name: 'admin-letters', component: () => import('@/pages/admin/LetterTemplatesPage.vue'), meta: { admin: true } },
      { path: 'admin/authority-matrix', name: 'admin-authority', component: () => import('@/pages/admin/AuthorityPage.vue'), meta: { admin: true } },
      { path: 'account', name: 'account', component: () => import('@/pages/account/AccountPage.vue') },
      { path: ':missing(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const user = await restoreSession();
  if (!user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  // Home: staff work from their queue, portal users from their own page.
  if (to.name === 'home') return user.role === 'customer' ? { name: 'supplier' } : { name: 'queue', params: { queue: 'mine' } };
  // Administration pages are not shown to others (the API refuses them anyway).
  if (to.matched.some((route) => route.meta.admin) && user.role !== 'admin') {
    return { name: 'not-found', params: { missing: to.path.slice(1).split('/') } };
  }
  return true;
});
