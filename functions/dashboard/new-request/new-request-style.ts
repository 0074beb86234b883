/**
 * The style of the new-request page (joined into the dashboard's one style sheet,
 * functions/dashboard/dashboard-style.ts), every rule under `.new-request` or the page's own
 * answer regions so it cannot reach another page. One column on a phone (390 px), fields side by
 * side where there is room; colours keep WCAG AA contrast (#8a1c1c on white 8.6:1, on #fbeaea 7.6:1).
 */
export const NEW_REQUEST_STYLE = `
.new-request{max-width:62rem}
.new-request .form-section h2{margin-top:0}
.new-request .field{margin:0 0 1rem;min-width:0}
.new-request .field>label,.new-request .label-like{display:block;font-weight:600;margin:0 0 .25rem}
.new-request .field input,.new-request .field select{width:100%;max-width:34rem}
.new-request .field.short input{max-width:12rem}
.new-request .hint{margin:0 0 .35rem}
.new-request fieldset{border:1px solid #d0d4da;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem;min-width:0}
.new-request legend{font-weight:700;padding:0 .25rem}
.new-request fieldset.choices{border:0;padding:0;margin:0 0 1rem}
.new-request fieldset.choices legend{padding:0;margin:0 0 .25rem}
.new-request fieldset.grantee{background:#fbfbfc}
.new-request .choice{display:flex;align-items:flex-start;gap:.5rem;margin:.35rem 0}
.new-request .choice input{flex:none;width:1.15rem;height:1.15rem;margin:.2rem 0 0}
.new-request .choice label{font-weight:400;overflow-wrap:anywhere}
.new-request .field-issue{color:#8a1c1c;font-weight:600;margin:.3rem 0 0;overflow-wrap:anywhere}
.new-request fieldset>.field-issue,.new-request section>.field-issue{margin:0 0 .75rem}
.new-request [aria-invalid=true]{border:2px solid #8a1c1c}
.new-request .row-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 0}
.new-request .refresh{margin:0 0 1rem}
.new-request .form-actions{margin:1.5rem 0}
.new-request .issue-summary:not(:empty){border:3px solid #8a1c1c;border-radius:6px;background:#fff;padding:.75rem 1rem;margin:1rem 0}
.new-request .issue-summary h2{margin:0 0 .5rem;font-size:1.1rem}
.new-request .issue-summary ul{margin:0;padding-left:1.25rem}
.new-request .issue-summary a{color:#8a1c1c;font-weight:600;overflow-wrap:anywhere}
.form-failure:not(:empty){border-left:4px solid #8a1c1c;background:#fbeaea;padding:.75rem 1rem;margin:1rem 0}
.form-failure p,.form-answer p{margin:.25rem 0}
.new-request .issue-summary:focus,.form-failure:focus{outline:3px solid #e0a100;outline-offset:2px}
@media (min-width:48rem){
.new-request .person-fields,.new-request .address-fields,.new-request .row-fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1rem}
}
`;
