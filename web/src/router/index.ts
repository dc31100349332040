// The console's pages, each loaded on demand so that the sign-in page and the
// first queue carry only what they use.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { api } from '@/api/client';
import type { Customer } from '@/api/types';
import { restoreSession } from '@/composables/useSession';
import { prefetchCase } from '@/pages/cases/useCaseRecord';
import { prefetchQueueRows } from '@/pages/queues/queueQuery';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/login/LoginPage.vue'), meta: { public: true } },
  // The customer portal: its own sign-in with one-time codes and its own
  // phone-first frame.
  { path: '/portal/sign-in', name: 'portal-sign-in', component: () => import('@/pages/portal/PortalSignInPage.vue'), meta: { public: true } },
  {
    path: '/portal',
    component: () => import('@/pages/portal/PortalShell.vue'),
    meta: { portal: true },
    children: [
      { path: '', name: 'portal-cases', component: () => import('@/pages/portal/PortalCasesPage.vue') },
      { path: 'cases/new', name: 'portal-new-case', component: () => import('@/pages/portal/PortalNewCasePage.vue') },
      { path: 'cases/:id(\\d+)', name: 'portal-case', component: () => import('@/pages/portal/PortalCasePage.vue') },
      { path: 'account', name: 'portal-account', component: () => import('@/pages/portal/PortalAccountPage.vue') },
    ],
  },
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

async function isSupplier(customerId: number | null | undefined): Promise<boolean> {
  if (!customerId) return false;
  const customer = await api.get<Customer>(`/api/v1/customers/${customerId}`);
  return customer.kind === 'supplier';
}

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const user = await restoreSession();
  const portal = to.matched.some((route) => route.meta.portal);
  if (!user) {
    return { name: portal ? 'portal-sign-in' : 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  }
  if (user.role === 'customer') {
    // Customers have the portal, and suppliers their corrective actions.
    if (to.name === 'home') return (await isSupplier(user.customer_id)) ? { name: 'supplier' } : { name: 'portal-cases' };
    if (!portal && to.name !== 'supplier') return { name: 'portal-cases' };
    return true;
  }
  if (portal) return { name: 'queue', params: { queue: 'mine' } };
  // Home: staff work from their queue.
  if (to.name === 'home') return { name: 'queue', params: { queue: 'mine' } };
  // Administration pages are not shown to others (the API refuses them anyway).
  if (to.matched.some((route) => route.meta.admin) && user.role !== 'admin') {
    return { name: 'not-found', params: { missing: to.path.slice(1).split('/') } };
  }
  return true;
});
