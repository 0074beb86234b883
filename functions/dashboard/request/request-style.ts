/**
 * The style of one request's page (joined into the dashboard's one style sheet,
 * functions/dashboard/dashboard-style.ts). One column on a phone (390 px); on a wide screen the
 * review's two documents, its two decisions and the grantees sit side by side. The steps'
 * markers are drawn here, with no icon: each step also says its state in words.
 */
export const REQUEST_STYLE = `
.back{margin:.25rem 0}
.request-section>h2{margin-top:0}
.request-title{overflow-wrap:anywhere}
.request-facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem 1.5rem;margin:0 0 1rem}
.request-facts div{min-width:0}
.request-facts dt,.grantee-facts dt{font-size:.85rem;color:#4a4f57;font-weight:600}
.request-facts dd,.grantee-facts dd{margin:0;overflow-wrap:anywhere}
.steps{list-style:none;margin:0;padding:0}
.step{position:relative;display:flex;gap:.75rem;padding:.4rem 0 .6rem}
.step:not(:last-child)::after{content:"";position:absolute;left:calc(.65rem - 1px);top:1.75rem;bottom:-.25rem;border-left:2px solid #c4c8ce}
.step-marker{flex:none;width:1.3rem;height:1.3rem;margin-top:.15rem;border-radius:50%;border:3px solid #6b7078;background:#fff}
.step-done .step-marker{background:#1d6b33;border-color:#1d6b33}
.step-current .step-marker{border-color:#0b4f9c;border-width:5px}
.step-ended .step-marker{background:#8a1c1c;border-color:#8a1c1c}
.step-notReached .step-marker{border-style:dashed}
.step-text{min-width:0}
.step-name{font-weight:600}
.step-state{display:inline-block;margin-left:.25rem;padding:0 .45rem;border-radius:1rem;font-size:.85rem;background:#e6e8eb;color:#1b1b1b}
.step-done .step-state{background:#dff0e4;color:#14532d}
.step-current .step-state{background:#0b4f9c;color:#fff}
.step-ended .step-state{background:#f7e1e1;color:#7a1717}
.step-ahead .step-name,.step-notReached .step-name{font-weight:400;color:#4a4f57}
.step-when{color:#4a4f57;font-size:.9rem}
.step-waits{margin:.25rem 0 0}
.action-field{margin:.75rem 0}
.action-field label{display:block}
.action-field textarea{display:block;width:100%;margin-top:.25rem}
.action-field .hint{margin:.1rem 0}
.action-field-error{margin:.25rem 0;color:#8a1c1c;font-weight:600}
.confirm-field{display:flex;flex-wrap:wrap;align-items:flex-start;gap:.5rem}
.confirm-field input{margin-top:.3rem;width:1.2rem;height:1.2rem;flex:none}
.confirm-field label{display:inline;flex:1 1 0;min-width:0}
.confirm-field .action-field-error{flex-basis:100%}
.confirm-step{margin:1rem 0 0}
.confirm-step summary{cursor:pointer;font-weight:600;color:#8a1c1c}
.confirm-step[open] summary{margin-bottom:.5rem}
.action{margin:0 0 .5rem}
.action .hint{margin:0 0 .5rem}
.review-pair{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
.review-document{margin:0;min-width:0}
.review-document figcaption{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;margin-bottom:.5rem}
.review-document-title{font-weight:700}
.review-frame{display:block;width:100%;height:70vh;min-height:22rem;border:1px solid #6b7078;border-radius:4px;background:#fff}
.review-image{height:auto;min-height:0}
.review-decisions{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem;margin-top:1rem}
.review-decision{border:1px solid #d0d4da;border-radius:6px;padding:1rem}
.review-decision h3{margin:0 0 .25rem;font-size:1.05rem}
.grantees{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:minmax(0,1fr);gap:0 1rem}
.grantee h3{margin:0 0 .5rem;font-size:1.1rem;overflow-wrap:anywhere}
.grantee-facts{display:grid;grid-template-columns:minmax(0,1fr);gap:.4rem;margin:0}
.documents{list-style:none;margin:0;padding:0}
.document{padding:.6rem 0;border-bottom:1px solid #d0d4da}
.document .hint{display:block}
.sha256{margin:.2rem 0 0;font-size:.85rem;color:#4a4f57}
.sha256 code{overflow-wrap:anywhere;word-break:break-all;color:#1b1b1b}
.chain-check{margin-top:0}
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll:focus-visible{outline:3px solid #e0a100;outline-offset:2px}
table.history{width:100%;border-collapse:collapse;background:#fff}
table.history caption{text-align:left;font-weight:600;padding:.5rem 0}
table.history th,table.history td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid #d0d4da}
table.history thead th{border-bottom:2px solid #6b7078}
table.history tbody th{font-weight:400;white-space:normal;min-width:7rem}
.history-note{display:block;margin-top:.2rem;color:#4a4f57;font-style:italic}
@media (max-width:40rem){
table.history caption{display:block}
table.history thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table.history,table.history tbody,table.history tr,table.history th,table.history td{display:block}
table.history tr{padding:.5rem 0;border-bottom:1px solid #d0d4da}
table.history th,table.history td{padding:.1rem .25rem;border:none}
table.history tbody th{font-size:.9rem;color:#4a4f57;min-width:0}
table.history td:nth-of-type(1){font-weight:600}
}
@media (min-width:60rem){
.review-pair,.review-decisions{grid-template-columns:repeat(2,minmax(0,1fr))}
.grantees{grid-template-columns:repeat(2,minmax(0,1fr))}
}
`;
