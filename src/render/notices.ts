/** Notices shared by several views. */
import { italic, type Line } from './view.js';

export function loadingNotice(loading: boolean): Line[] {
  return loading ? [[italic('The corpus is still loading: this answer may be incomplete. Ask again in a moment.')]] : [];
}
