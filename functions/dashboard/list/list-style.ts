/**
 * The style of the request list (joined into the dashboard's one style sheet,
 * functions/dashboard/dashboard-style.ts). Its classes start with `list-` or sit under the
 * list's own blocks, so no other page's rules reach them. Below 48rem the table stacks: one
 * card per request, each cell under its column's name (`data-label`), so a 390 px screen never
 * scrolls sideways. Colours keep WCAG AA contrast on white and on the "expiring soon" tint.
 */
export const LIST_STYLE = `
.status-counts ul{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.status-counts a{display:inline-flex;align-items:center;gap:.4rem;padding:.3rem .75rem;border:1px solid #6b7078;border-radius:1rem;background:#fff;color:#0b4f9c;text-decoration:none}
.status-counts a:hover{text-decoration:underline}
.status-counts a[aria-current]{background:#0b4f9c;border-color:#0b4f9c;color:#fff;font-weight:600}
.status-counts a.expiring{border-color:#8a4b00;color:#6b3a00}
.status-counts a.expiring[aria-current]{background:#8a4b00;color:#fff}
.status-counts .count{font-weight:700}
.list-filters{display:grid;grid-template-columns:minmax(0,1fr);gap:.75rem 1rem;align-items:start}
.list-filters .list-field{display:flex;flex-direction:column;gap:.25rem;margin:0;min-width:0}
.list-filters .list-field.list-checkbox{display:grid;grid-template-columns:auto minmax(0,1fr);align-items:start;gap:.25rem .5rem}
.list-filters .list-checkbox label{font-weight:400}
.list-filters .list-checkbox .list-field-error{grid-column:1/-1}
.list-filters input[type=checkbox]{width:1.25rem;height:1.25rem;margin:.15rem 0 0}
.list-filters .hint{margin:0}
.list-filters .list-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.list-filters .list-field-error{margin:0;color:#8a1c1c;font-weight:600}
.list-filters [aria-invalid=true]{border:2px solid #8a1c1c}
.list-summary{margin:1rem 0 .5rem;font-weight:600}
.request-list{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d0d4da}
.request-list caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem;caption-side:top}
.request-list th,.request-list td{padding:.6rem .75rem;border-bottom:1px solid #d0d4da;text-align:left;vertical-align:top}
.request-list thead th{background:#eef0f3;font-size:.9rem;overflow-wrap:normal}
.request-list tbody th{font-weight:600}
.request-list time{white-space:nowrap}
.request-list .ref{display:block;color:#4a4f57;font-size:.85rem;font-weight:400}
.request-list .erased{font-style:italic}
.request-list tr.expiring-soon{background:#fff6df}
.request-list tr.expiring-soon>th{box-shadow:inset 4px 0 0 #8a4b00}
.list-badge{display:inline-block;margin-top:.2rem;padding:.05rem .45rem;border-radius:.25rem;font-size:.8rem;font-weight:700;color:#fff;white-space:nowrap}
.list-badge.soon{background:#8a4b00}
.list-badge.overdue{background:#8a1c1c}
.list-paging{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;margin:1rem 0}
@media (min-width:48rem){
.list-filters{grid-template-columns:repeat(3,minmax(0,1fr))}
.list-filters .list-field-q{grid-column:span 2}
.list-filters .list-dates-hint{grid-column:2/4}
.list-filters .list-checkbox,.list-filters .list-actions,.list-filters #filter-page{grid-column:1/-1}
}
@media (max-width:47.99rem){
.request-list,.request-list tbody,.request-list tr,.request-list th,.request-list td{display:block;width:100%}
.request-list{border:none;background:none}
.request-list caption{display:block}
.request-list thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.request-list tr{background:#fff;border:1px solid #d0d4da;border-radius:6px;margin:0 0 .75rem;padding:.35rem 0}
.request-list th,.request-list td{border-bottom:none;padding:.3rem .75rem}
.request-list td[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:600;color:#4a4f57}
}
`;
