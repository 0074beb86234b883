/**
 * The dashboard's one style sheet, served as `/dashboard/assets/dashboard.css`: the frame's
 * rules here, each page's own beside it. Mobile first: one column, and wider screens use the room.
 * Colours keep WCAG AA contrast (axe-core checks every page: test/e2e/).
 */
import { LIST_STYLE } from './list/list-style.js';
import { NEW_REQUEST_STYLE } from './new-request/new-request-style.js';
import { REQUEST_STYLE } from './request/request-style.js';

const FRAME_STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#1b1b1b;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5}
a{color:#0b4f9c}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #e0a100;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #d0d4da}
.top ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}
.product{margin:0;font-weight:700;font-size:1.1rem}
.product a{color:#1b1b1b;text-decoration:none}
.nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.office{margin:0;color:#4a4f57;font-size:.9rem}
.sign-out{margin:0}
.languages{font-size:.9rem}
.languages [aria-current]{font-weight:700}
main{display:block;max-width:80rem;margin:0 auto;padding:1rem 1rem 3rem}
main:focus{outline:none}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem}
button,.button{font:inherit;font-weight:600;display:inline-block;padding:.5rem 1rem;border:2px solid #0b4f9c;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#0b4f9c}
button.danger{background:#fff;color:#8a1c1c;border-color:#8a1c1c}
button.link-button{background:none;border:none;color:#0b4f9c;padding:0;text-decoration:underline;font-weight:400}
button:disabled{opacity:.55;cursor:not-allowed}
label{font-weight:600}
input,select,textarea{font:inherit;padding:.4rem .5rem;border:1px solid #6b7078;border-radius:4px;background:#fff;color:#1b1b1b;max-width:100%}
.notice{border-left:4px solid #0b4f9c;background:#eaf1fb;padding:.75rem 1rem;margin:1rem 0}
.notice.success{border-color:#1d6b33;background:#e8f4ec}
.notice.error{border-color:#8a1c1c;background:#fbeaea}
.hint{color:#4a4f57;font-size:.9rem}
.card{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:1rem;margin:1rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.status{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.85rem;font-weight:600;background:#e6e8eb;color:#1b1b1b;white-space:nowrap}
.status-COMPLETED,.status-active{background:#dff0e4;color:#14532d}
.status-DECLINED,.status-EXPIRED,.status-FAILED,.status-CANCELLED,.status-revoked,.status-expired{background:#f7e1e1;color:#7a1717}
.status-AWAITING_REVIEW,.status-AWAITING_SIGNATURE,.status-AWAITING_LEGAL_REPRESENTATIVE,.status-AWAITING_ACTIVATION,.status-pending{background:#fdf0d5;color:#5c3d00}
td,th{overflow-wrap:anywhere}
`;

/** The whole style sheet. */
export const DASHBOARD_STYLE: string = [FRAME_STYLE, LIST_STYLE, REQUEST_STYLE, NEW_REQUEST_STYLE].map((style) => style.trim()).join('\n');
