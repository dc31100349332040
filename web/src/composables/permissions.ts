// What the console offers a user, mirroring the server's own rules so that a
// button is not shown to someone the server would refuse (the server still
// decides; its refusal is shown in words).
import type { Action, User } from '@/api/types';

const kActionManagers = new Set(['qa', 'qa_head', 'general_affairs', 'manager', 'admin']);

/** QA, general affairs, management and administrators manage actions (app/actions.cpp). */
export function managesActions(user: User | null): boolean {
  return !!user && kActionManagers.has(user.role ?? '');
}

/** QA (the QA head too), management and administrators ask suppliers for corrective action and judge the answers (app/supplier_cars.cpp). */
export function managesSupplierCars(user: User | null): boolean {
  return !!user && ['qa', 'qa_head', 'manager', 'admin'].includes(user.role ?? '');
}

/** The owner of an action and the members of its department work on it. */
export function worksOn(user: User | null, action: Action): boolean {
  if (!user) return false;
  if (user.id !== undefined && user.id === action.owner_id) return true;
  return action.department_id != null && (user.department_ids ?? []).includes(action.department_id);
}

/** Recurrence-prevention reports (app/prevention_reports.cpp): the QA head opens one for a serious problem. */
export function opensPreventionReports(user: User | null): boolean {
  return !!user && ['qa_head', 'admin'].includes(user.role ?? '');
}

/** QA (the QA head too), management and administrators add its actions and verify it. */
export function worksOnPreventionReports(user: User | null): boolean {
  return !!user && ['qa', 'qa_head', 'manager', 'admin'].includes(user.role ?? '');
}

/** The QA head, management and administrators approve it. */
export function approvesPreventionReports(user: User | null): boolean {
  return !!user && ['qa_head', 'manager', 'admin'].includes(user.role ?? '');
}
