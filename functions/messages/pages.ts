/**
 * The HTML pages behind the e-mailed links (api-contract.md, "Signer and grantee"), in the
 * request's language. Mobile first and accessible (one `h1`, a `main` landmark, a label on
 * every field, errors in an alert); the core path needs no JavaScript, except the uploads and
 * the decline on the signing page, whose endpoints take a raw file or JSON.
 *
 * The signer may see the grantees' names and scopes (it is his own request); no page shows a
 * birth date, an address or a national register number.
 */
import { LANGUAGES, SIGNATURE_METHODS, type GranteeRelation, type Language, type SignatureMethod } from '../domain/request-constants.js';
import type { SignerRole } from '../domain/signing-plan.js';
import type { RefusalReason } from '../signatures/signature-verdict.js';
import { escapeHtml } from './escape-html.js';
import { formatDateTime } from './format-date.js';
import { LOCALE_BY_LANGUAGE } from './language-locale.js';
import { textsFor, type PageTexts, type UnusableLinkReason } from './message-texts.js';
import { renderPage } from './page-layout.js';

export type { UnusableLinkReason } from './message-texts.js';

/** The signature methods this service can take online today (R3): a scan, or a PDF signed with the eID, uploaded. */
export const ONLINE_SIGNATURE_METHODS: readonly SignatureMethod[] = ['eid', 'handwritten'];

/** The two signatures that arrive as a file the page uploads. */
export type UploadedSignatureMethod = 'handwritten' | 'eid';

/** What the page may upload: the storage's size limit and the types each method takes (functions/http/signer/receive-signature.ts). */
export interface UploadLimits {
  maxBytes: number;
  contentTypes: Readonly<Record<UploadedSignatureMethod, readonly string[]>>;
}

/** The contracts a grantee sees: all (current and future, R4.1, R4.4) or these labels. */
export type ScopeLabels = 'all' | readonly string[];

/** A grantee as the signer sees him on the signing page. */
export interface SigningPageGrantee {
  name: string;
  relation: GranteeRelation;
  scope: ScopeLabels;
}

/** The signing page (`GET /sign/{token}`). */
export interface SigningPageInput {
  language: Language;
  token: string;
  signerName: string;
  clientName: string;
  brokerName: string;
  role: SignerRole;
  grantees: readonly SigningPageGrantee[];
  /** The methods the request accepts (R3). */
  methods: readonly SignatureMethod[];
  /**
   * The methods this service can take now; only those also in `methods` are offered.
   * @default ONLINE_SIGNATURE_METHODS (eID and handwritten)
   */
  enabledMethods?: readonly SignatureMethod[];
  /** What the upload forms may send. */
  uploads: UploadLimits;
  /** The longest reason to decline the decline route takes (functions/http/signer/decline.ts). */
  declineReasonMaxLength: number;
  expiresAt: Date;
}

/**
 * The signing page: what is asked, by which broker, for which client and until when; the form
 * to read (`/sign/{token}/form.pdf`, shown inline); each offered signature method (R3) in a
 * section of its own (`data-method`) with what to do; and a way to decline with a reason.
 * R6: the legal representative approves by signing the same form, on the same page.
 */
export function signingPage(input: SigningPageInput): string {
  const { colon, page: texts } = textsFor(input.language);
  const signing = texts.signing;
  const { brokerName, clientName } = input;
  const base = `/sign/${encodeURIComponent(input.token)}`;
  const enabled = input.enabledMethods ?? ONLINE_SIGNATURE_METHODS;
  const offered = SIGNATURE_METHODS.filter((method) => input.methods.includes(method) && enabled.includes(method));
  const intro =
    input.role === 'legalRepresentative'
      ? signing.legalRepresentativeIntro({ brokerName, clientName })
      : signing.requesterIntro({ brokerName, clientName });
  const methodSections = offered.map((method) => METHOD_SECTIONS[method]({ texts, base, brokerName, uploads: input.uploads }));

  const main = [
    `<h1>${escapeHtml(signing.title)}</h1>`,
    paragraph(texts.greeting(input.signerName)),
    paragraph(intro),
    paragraph(signing.deadline({ expires: formatDateTime(input.expiresAt, input.language) }), 'notice'),
    `<h2>${escapeHtml(signing.requestedHeading)}</h2>`,
    `<ul>${input.grantees.map((grantee) => granteeItem(texts, colon, grantee)).join('')}</ul>`,
    `<h2>${escapeHtml(signing.formHeading)}</h2>`,
    paragraph(signing.formText),
    `<p><a href="${escapeHtml(`${base}/form.pdf`)}">${escapeHtml(signing.formLink)}</a></p>`,
    `<h2>${escapeHtml(signing.signHeading)}</h2>`,
    methodSections.length > 0 ? paragraph(signing.signIntro) : paragraph(signing.noMethod({ brokerName }), 'notice'),
    `<noscript>${paragraph(signing.noScript({ brokerName }), 'notice')}</noscript>`,
    ...methodSections,
    declineSection(input, texts, base),
  ].join('\n');
  return renderPage({ language: input.language, title: signing.title, mainHtml: main, withSigningScript: true });
}

interface MethodContext {
  texts: PageTexts;
  /** `/sign/{token}`, the token URL-encoded. */
  base: string;
  brokerName: string;
  uploads: UploadLimits;
}

type MethodSection = (context: MethodContext) => string;

// R3: exactly three accepted signatures; a click or a typed name is none of them.
const METHOD_SECTIONS: Readonly<Record<SignatureMethod, MethodSection>> = {
  // A standard form post, no script needed: the server answers with where the signing service waits.
  advanced: ({ texts, base }) => {
    const advanced = texts.signing.advanced;
    return methodSection('advanced', advanced.heading, [
      paragraph(advanced.text),
      `<form method="post" action="${escapeHtml(`${base}/advanced`)}">`,
      `<button type="submit">${escapeHtml(advanced.button)}</button>`,
      `</form>`,
    ]);
  },
  eid: (context) => {
    const eid = context.texts.signing.eid;
    return methodSection('eid', eid.heading, [
      paragraph(eid.text),
      uploadForm(context, 'eid', { id: 'eid-file', label: eid.fileLabel, button: eid.button }),
    ]);
  },
  handwritten: (context) => {
    const handwritten = context.texts.signing.handwritten;
    return methodSection('handwritten', handwritten.heading, [
      `<ol>${handwritten.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>`,
      uploadForm(context, 'handwritten', { id: 'scan-file', label: handwritten.fileLabel, button: handwritten.button }),
      paragraph(handwritten.review({ brokerName: context.brokerName }), 'hint'),
    ]);
  },
};

/** One method's section; `data-method` names it for the page's script and for tests. */
function methodSection(method: SignatureMethod, heading: string, body: readonly string[]): string {
  return [
    `<section data-method="${method}" aria-labelledby="method-${method}">`,
    `<h3 id="method-${method}">${escapeHtml(heading)}</h3>`,
    ...body,
    `</section>`,
  ].join('\n');
}

/**
 * Where a form's script speaks: progress and success in a polite status line, anything that
 * went wrong in an alert (read out at once), its id named by the field's `aria-describedby`.
 */
function messageLines(fieldId: string): string {
  return [`<p data-status role="status" aria-live="polite"></p>`, `<p id="${fieldId}-error" data-error role="alert"></p>`].join('\n');
}

/** Where a plain form post of each uploaded method would go: its direct-body route. */
const DIRECT_ROUTE: Readonly<Record<UploadedSignatureMethod, string>> = { handwritten: 'scan', eid: 'eid' };

/** How the page names a file type to the signer. */
const FILE_TYPE_NAMES: Readonly<Record<string, string>> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** "PDF, JPEG, PNG": the types a method takes, as the signer knows them. */
function fileTypeNames(contentTypes: readonly string[]): string {
  return contentTypes.map((type) => FILE_TYPE_NAMES[type] ?? type).join(', ');
}

/**
 * A file form the signing script sends straight to storage (`data-send="upload"`): it opens the
 * upload at `data-uploads`, sends the file with a visible progress bar and confirms it; the form
 * carries the types and size it may send and every word the script may say, so that a wrong
 * type names the types accepted, a file too large the limit, and a refused signature its reason.
 */
function uploadForm(context: MethodContext, method: UploadedSignatureMethod, field: { id: string; label: string; button: string }): string {
  const { texts, base, brokerName, uploads } = context;
  const signing = texts.signing;
  const contentTypes = uploads.contentTypes[method];
  const types = fileTypeNames(contentTypes);
  const maxMb = Math.floor(uploads.maxBytes / 1024 / 1024);
  const accepted = signing.acceptedFiles({ types, maxMb });
  const received = texts.signatureReceived;
  const refused = texts.signatureRefused;
  const messages: Record<string, string> = {
    ...sendingMessages(texts, brokerName),
    'no-file': signing.noFileChosen,
    checking: signing.checking,
    'wrong-type': `${signing.wrongType} ${accepted}`,
    'too-large': signing.tooLarge({ maxMb }),
    empty: signing.emptyFile,
    'too-many': signing.tooManyUploads({ brokerName }),
    done: `${received.title}. ${method === 'handwritten' ? received.handwritten({ brokerName }) : received.electronic({ brokerName })}`,
    ...Object.fromEntries(Object.entries(refused.reasons).map(([reason, text]) => [`refused-${reason}`, `${text} ${refused.tryAgain}`])),
  };
  const attributes = [
    `data-send="upload"`,
    `data-uploads="${escapeHtml(`${base}/uploads`)}"`,
    `data-types="${escapeHtml(contentTypes.join(','))}"`,
    `data-max-bytes="${uploads.maxBytes}"`,
    messageAttributes(messages),
    // The script says what is wrong in the page's language, not the browser's.
    `novalidate`,
  ].join(' ');
  return [
    `<form method="post" action="${escapeHtml(`${base}/${DIRECT_ROUTE[method]}`)}" ${attributes}>`,
    `<label for="${field.id}">${escapeHtml(field.label)}</label>`,
    `<p id="${field.id}-hint" class="hint">${escapeHtml(accepted)}</p>`,
    `<input id="${field.id}" name="file" type="file" accept="${escapeHtml(contentTypes.join(','))}" required aria-describedby="${field.id}-hint ${field.id}-error">`,
    `<button type="submit" disabled>${escapeHtml(field.button)}</button>`,
    `<progress max="100" value="0" hidden aria-label="${escapeHtml(signing.uploadProgress)}"></progress>`,
    messageLines(field.id),
    `</form>`,
  ].join('\n');
}

/** Declining, with a reason the broker reads: required here, bounded as the decline route bounds it. */
function declineSection(input: SigningPageInput, texts: PageTexts, base: string): string {
  const decline = texts.signing.decline;
  const maxLength = new Intl.NumberFormat(LOCALE_BY_LANGUAGE[input.language]).format(input.declineReasonMaxLength);
  const messages = messageAttributes({
    ...sendingMessages(texts, input.brokerName),
    'no-reason': decline.noReason,
    'reason-refused': decline.reasonRefused,
  });
  return [
    `<section aria-labelledby="decline-heading">`,
    `<h2 id="decline-heading">${escapeHtml(decline.heading)}</h2>`,
    paragraph(decline.text),
    `<form method="post" action="${escapeHtml(`${base}/decline`)}" data-send="json" ${messages} novalidate>`,
    `<label for="decline-reason">${escapeHtml(decline.reasonLabel)}</label>`,
    `<p id="decline-reason-hint" class="hint">${escapeHtml(decline.reasonHint({ maxLength }))}</p>`,
    `<textarea id="decline-reason" name="reason" maxlength="${input.declineReasonMaxLength}" required aria-describedby="decline-reason-hint decline-reason-error"></textarea>`,
    `<button type="submit" class="secondary" disabled>${escapeHtml(decline.button)}</button>`,
    messageLines('decline-reason'),
    `</form>`,
    `</section>`,
  ].join('\n');
}

/** What every form of the script says while sending, and when sending fails. */
function sendingMessages(texts: PageTexts, brokerName: string): Record<string, string> {
  const signing = texts.signing;
  return { sending: signing.sending, failed: signing.sendFailed({ brokerName }), network: signing.connectionFailed };
}

/** The words the signing script shows, carried by each form as `data-msg-<key>` so the script stays static. */
function messageAttributes(messages: Readonly<Record<string, string>>): string {
  return Object.entries(messages)
    .map(([key, text]) => `data-msg-${key}="${escapeHtml(text)}"`)
    .join(' ');
}

function granteeItem(texts: PageTexts, colon: string, grantee: SigningPageGrantee): string {
  const who = `<strong>${escapeHtml(grantee.name)}</strong> (${escapeHtml(texts.relation[grantee.relation])})`;
  if (grantee.scope === 'all') return `<li>${who}${escapeHtml(colon + texts.scopeAll)}</li>`;
  return `<li>${who}${escapeHtml(colon + texts.scopeContracts)}${contractList(grantee.scope)}</li>`;
}

function contractList(labels: readonly string[]): string {
  return `<ul>${labels.map((label) => `<li>${escapeHtml(label)}</li>`).join('')}</ul>`;
}

function paragraph(text: string, className?: string): string {
  const classAttribute = className === undefined ? '' : ` class="${className}"`;
  return `<p${classAttribute}>${escapeHtml(text)}</p>`;
}

/** The page answered after a signature was received. */
export interface SignatureReceivedPageInput {
  language: Language;
  method: SignatureMethod;
  brokerName: string;
}

/** Thanks the signer; for a scan, says the broker checks it first (R9). */
export function signatureReceivedPage(input: SignatureReceivedPageInput): string {
  const received = textsFor(input.language).page.signatureReceived;
  const next =
    input.method === 'handwritten'
      ? received.handwritten({ brokerName: input.brokerName })
      : received.electronic({ brokerName: input.brokerName });
  return renderPage({
    language: input.language,
    title: received.title,
    mainHtml: [`<h1>${escapeHtml(received.title)}</h1>`, paragraph(next)].join('\n'),
  });
}

/** The page answered when a signed PDF is refused (api-contract.md, `signature_refused`); the link stays usable. */
export interface SignatureRefusedPageInput {
  language: Language;
  reason: RefusalReason;
  /** The signing page to go back to. */
  signingPageUrl: string;
}

/** Says why the signed form was refused, that nothing was recorded, and leads back to the signing page. */
export function signatureRefusedPage(input: SignatureRefusedPageInput): string {
  const refused = textsFor(input.language).page.signatureRefused;
  return renderPage({
    language: input.language,
    title: refused.title,
    mainHtml: [
      `<h1>${escapeHtml(refused.title)}</h1>`,
      paragraph(refused.reasons[input.reason]),
      paragraph(refused.tryAgain),
      `<p><a href="${escapeHtml(input.signingPageUrl)}">${escapeHtml(textsFor(input.language).page.signing.title)}</a></p>`,
    ].join('\n'),
  });
}

/** The activation page (`GET /activate/{token}`). */
export interface ActivationPageInput {
  language: Language;
  token: string;
  granteeName: string;
  clientName: string;
  brokerName: string;
  /** `'all'` (current and future contracts) or the labels of the contracts granted. */
  scope: ScopeLabels;
  /** Until when the link activates. */
  expiresAt: Date;
}

/**
 * R7: the grantee activates his own access. A standard form post to `/activate/{token}`
 * (no JavaScript needed); the server answers with the result page.
 */
export function activationPage(input: ActivationPageInput): string {
  const texts = textsFor(input.language).page;
  const activation = texts.activation;
  const { brokerName, clientName } = input;
  const scope =
    input.scope === 'all' ? paragraph(activation.scopeAll({ clientName })) : contractList(input.scope);
  const main = [
    `<h1>${escapeHtml(activation.title)}</h1>`,
    paragraph(texts.greeting(input.granteeName)),
    paragraph(activation.intro({ brokerName, clientName })),
    paragraph(activation.deadline({ expires: formatDateTime(input.expiresAt, input.language) }), 'notice'),
    `<h2>${escapeHtml(activation.scopeHeading)}</h2>`,
    scope,
    `<form method="post" action="${escapeHtml(`/activate/${encodeURIComponent(input.token)}`)}">`,
    paragraph(activation.action),
    `<button type="submit">${escapeHtml(activation.button)}</button>`,
    `</form>`,
    paragraph(activation.notYou({ brokerName }), 'hint'),
  ].join('\n');
  return renderPage({ language: input.language, title: activation.title, mainHtml: main });
}

/** The page answered after a grantee activated his access. */
export interface ActivationDonePageInput {
  language: Language;
  clientName: string;
  brokerName: string;
  /** Where the client portal is; without it, no link is shown. */
  portalUrl?: string;
}

/** Tells the grantee his access is active (R7) and how he gets in. */
export function activationDonePage(input: ActivationDonePageInput): string {
  const done = textsFor(input.language).page.activationDone;
  const main = [
    `<h1>${escapeHtml(done.title)}</h1>`,
    paragraph(done.text({ brokerName: input.brokerName, clientName: input.clientName })),
    paragraph(done.signIn),
    ...(input.portalUrl === undefined
      ? []
      : [`<p><a href="${escapeHtml(input.portalUrl)}">${escapeHtml(done.portalLink)}</a></p>`]),
  ].join('\n');
  return renderPage({ language: input.language, title: done.title, mainHtml: main });
}

/** The page answered (with 404 or 410) for a link that cannot be used. */
export interface LinkUnusablePageInput {
  reason: UnusableLinkReason;
  /** The request's language; unknown for an unknown token, and then all four are shown. */
  language?: Language;
}

/**
 * Says why the link cannot be used, that nothing changed, and what to do now. For an unknown
 * token the request, hence its language, is unknown: the page says it briefly in all four
 * languages.
 */
export function linkUnusablePage(input: LinkUnusablePageInput): string {
  const { reason, language } = input;
  if (reason !== 'unknown' && language !== undefined) {
    const unusable = textsFor(language).page.linkUnusable;
    const main = [
      `<h1>${escapeHtml(unusable.title)}</h1>`,
      paragraph(unusable.reasons[reason]),
      paragraph(unusable.nothingChanged),
      paragraph(unusable.nextStep[reason]),
    ].join('\n');
    return renderPage({ language, title: unusable.title, mainHtml: main });
  }
  const titles = LANGUAGES.map((each) => ({ language: each, title: textsFor(each).page.linkUnusable.title }));
  const heading = titles
    .map(({ language: each, title }) => `<span lang="${each}">${escapeHtml(title)}</span>`)
    .join(' · ');
  const sections = LANGUAGES.map((each) => {
    const unusable = textsFor(each).page.linkUnusable;
    return [
      `<section lang="${each}">`,
      `<h2>${escapeHtml(unusable.title)}</h2>`,
      paragraph(unusable.reasons[reason]),
      paragraph(unusable.nextStep[reason]),
      `</section>`,
    ].join('\n');
  });
  const [first] = LANGUAGES;
  return renderPage({
    language: first,
    title: titles.map(({ title }) => title).join(' · '),
    mainHtml: [`<h1>${heading}</h1>`, ...sections].join('\n'),
  });
}

/** The page answered after the signer declined the request. */
export interface DeclinedPageInput {
  language: Language;
  /** When given, the page says the broker is told, and whom to contact after a mistake. */
  brokerName?: string;
}

/** Confirms the decline: no access is granted. */
export function declinedPage(input: DeclinedPageInput): string {
  const declined = textsFor(input.language).page.declined;
  const main = [
    `<h1>${escapeHtml(declined.title)}</h1>`,
    paragraph(declined.text),
    ...(input.brokerName === undefined
      ? []
      : [paragraph(declined.brokerInformed({ brokerName: input.brokerName })), paragraph(declined.changeOfMind({ brokerName: input.brokerName }))]),
  ].join('\n');
  return renderPage({ language: input.language, title: declined.title, mainHtml: main });
}
