/**
 * The new-request form in the browser (`form[data-new-request]`, functions/dashboard/new-request/):
 * - checks the request with the API's own rules (validateAccessRequest, bundled) as the broker
 *   goes: a field's problems appear beside it once he leaves it, and go as he fixes them;
 * - reshapes the form in place (rows added and removed, the fields of the client type, of who
 *   asks, of each grantee's relation), with the renderer the server uses;
 * - on send, checks everything first: while a problem remains nothing is sent, each is shown
 *   beside its field and listed, linked, in the alert at the top;
 * - sends the API's body as JSON with the form token and the form's Idempotency-Key (a double
 *   click or a retry files one request), and shows the answer: the link to the filed request, the
 *   API's own issues beside their fields exactly as its own (the server stays the judge: it may
 *   find what the browser did not, e.g. a date checked against another day), or why nothing was
 *   filed.
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`.
 */
import { validateAccessRequest } from '../../domain/request-validation.js';
import type { ValidationIssue } from '../../domain/validation-issue.js';
import { LANGUAGES, type Language } from '../../domain/request-constants.js';
import { escapeHtml } from '../../messages/escape-html.js';
import { todayInBrussels } from '../new-request/brussels-today.js';
import { placeIssues, type SummaryItem } from '../new-request/issue-placement.js';
import { failureText, newRequestTexts } from '../new-request/new-request-texts.js';
import {
  FORM_ACTION_FIELD,
  FORM_TOKEN_FIELD,
  fieldsOf,
  formChangeOf,
  IDEMPOTENCY_KEY_FIELD,
  issueId,
  placeId,
  requestBodyOf,
  rowCount,
  withChange,
  type FormChange,
  type RequestFromForm,
} from '../new-request/request-form-fields.js';
import { renderFormBody, renderIssueSummary, type PlaceKind } from '../new-request/request-form-render.js';
import { browser, type BrowserControl, type BrowserElement } from './browser-dom.js';

/** The API's issues of the last answer, until the broker changes what they are about. */
interface ServerIssues {
  readonly issues: readonly ValidationIssue[];
  readonly aliases: RequestFromForm['aliases'];
  /** Places changed since the answer: the API's word there no longer holds. */
  readonly edited: Set<string>;
}

/** Takes over the new-request form `form`. */
export function enhanceNewRequestForm(form: BrowserElement): void {
  const document = browser.document;
  const language = languageOf(document.documentElement.getAttribute('lang'));
  const texts = newRequestTexts(language);
  const formBody = form.querySelector('[data-form-body]');
  const summary = form.querySelector('#issue-summary');
  const answer = document.getElementById('new-request-answer');
  const failure = document.getElementById('new-request-failure');
  const sendButton = form.querySelector('button[data-send]') as BrowserControl | null;
  if (!formBody || !summary || !answer || !failure || !sendButton) return;

  /** Every value entered, also of fields the form no longer shows (another client type, relation). */
  let memory = currentFields(form, new Map());
  /** The places the broker has left: their problems are shown. */
  const touched = new Set<string>();
  let triedToSend = false;
  let sending = false;
  let server: ServerIssues | undefined;

  for (const refresh of Array.from(form.querySelectorAll('.refresh'))) refresh.hidden = true;

  form.addEventListener('click', (event) => {
    const button = controlOf(event.target)?.closest(`button[name="${FORM_ACTION_FIELD}"]`) as BrowserControl | null | undefined;
    if (!button) return;
    event.preventDefault();
    const change = formChangeOf(button.value);
    if (change) reshape(change);
  });

  summary.addEventListener('click', (event) => {
    const link = controlOf(event.target)?.closest('a[href^="#"]');
    const target = link ? document.getElementById((link.getAttribute('href') ?? '').slice(1)) : null;
    if (!target) return;
    event.preventDefault();
    target.focus();
  });

  form.addEventListener('change', (event) => {
    const control = controlOf(event.target);
    if (!control) return;
    noteEdited(control);
    memory = currentFields(form, memory);
    // A choice that changes the form's shape: the form is drawn again around the choice itself, which stays as it is.
    if (control.hasAttribute('data-reshapes')) redraw(undefined, control.closest('[data-place]') ?? undefined);
    // A contract a grantee may be given: only the grantees are drawn again, as the focus moves on to the next field.
    else if (/^contracts\.\d+\.ref$/.test(control.getAttribute('name') ?? '')) redrawGrantees();
    touch(control);
    showProblems('leaving');
  });

  form.addEventListener('focusout', (event) => {
    const control = controlOf(event.target);
    if (!control || !control.hasAttribute('name')) return;
    memory = currentFields(form, memory);
    touch(control);
    showProblems('leaving');
  });

  form.addEventListener('input', (event) => {
    const control = controlOf(event.target);
    if (!control) return;
    noteEdited(control);
    memory = currentFields(form, memory);
    showProblems('typing');
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    memory = currentFields(form, memory);
    triedToSend = true;
    server = undefined;
    const { body, aliases } = requestBodyOf(memory);
    const checked = validateAccessRequest(body, todayInBrussels(new Date()));
    if (!checked.ok) {
      clearAnswers();
      showProblems('sending', { issues: checked.issues, aliases });
      summary.focus();
      return;
    }
    void send(body);
  });

  /** A form-only button: a row added or removed, the form drawn again with the focus where the broker expects it. */
  function reshape(change: FormChange): void {
    memory = withChange(currentFields(form, memory), change);
    server = undefined;
    let focus: string | undefined;
    if (change.kind === 'add') {
      const index = rowCount(memory, change.list) - 1;
      focus = `#${placeId(change.list === 'contracts' ? `contracts.${index}.ref` : `grantees.${index}.relation`)}`;
    } else if (change.kind === 'remove') {
      focus = `button[name="${FORM_ACTION_FIELD}"][value="add:${change.list}"]`;
    }
    redraw(focus);
    showProblems('leaving');
  }

  /**
   * Draws the form again from `memory`, the focus kept on its control (or put on `focusSelector`).
   * `kept`, the place of the choice just made, is put back as it is: the broker's click or key
   * stays on the element he used.
   */
  function redraw(focusSelector: string | undefined, kept?: BrowserElement): void {
    const active = document.activeElement as BrowserControl | null;
    const focused = active && form.contains(active) && active.name ? `[name="${active.name}"]${active.type === 'radio' || active.type === 'checkbox' ? `[value="${cssString(active.value)}"]` : ''}` : undefined;
    // Drawn apart from the form first: a radio button drawn checked inside the form would uncheck the kept one (Chromium).
    const drawn = document.createElement('div');
    drawn.innerHTML = renderFormBody({ fields: memory, texts, scripted: true }).html;
    const place = kept?.getAttribute('data-place');
    const fresh = place ? drawn.querySelector(`[data-place="${place}"]`) : null;
    if (kept && fresh) fresh.replaceWith(kept);
    formBody!.replaceChildren(...Array.from(drawn.childNodes));
    // What the form now shows is what it holds (a relation the client type no longer offers is shown as its nearest).
    memory = currentFields(form, memory);
    const selector = focusSelector ?? focused;
    const next = selector ? form.querySelector(selector) : null;
    next?.focus();
  }

  /** Draws the grantees again (the contracts each may be given), the rest of the form untouched. */
  function redrawGrantees(): void {
    const drawn = browser.document.createElement('div');
    drawn.innerHTML = renderFormBody({ fields: memory, texts, scripted: true }).html;
    const fresh = drawn.querySelector('section[data-place="grantees"]');
    const old = formBody!.querySelector('section[data-place="grantees"]');
    if (fresh && old) old.replaceWith(fresh);
    // A contract renamed is no longer ticked for anyone: the form holds what it shows.
    memory = currentFields(form, memory);
  }

  /** Marks the place of `control`, and the places around it, as left: their problems may show. */
  function touch(control: BrowserElement): void {
    const place = control.closest('[data-place]')?.getAttribute('data-place');
    if (!place) return;
    const segments = place.split('.');
    while (segments.length > 0) {
      touched.add(segments.join('.'));
      segments.pop();
    }
  }

  function noteEdited(control: BrowserElement): void {
    const place = control.closest('[data-place]')?.getAttribute('data-place');
    if (place && server) server.edited.add(place);
  }

  /**
   * Shows the form's problems: the browser's own check, and the API's last answer where the broker
   * has not changed anything since. `leaving`: at the places left (every place once he tried to
   * send); `typing`: only where a problem shows already (it goes, or changes, as he fixes it);
   * `sending`: everywhere, and the list at the top.
   */
  function showProblems(moment: 'leaving' | 'typing' | 'sending', found?: { readonly issues: readonly ValidationIssue[]; readonly aliases: RequestFromForm['aliases'] }): void {
    const places = placesOf(form);
    let local = found;
    if (!local) {
      const { body, aliases } = requestBodyOf(memory);
      const checked = validateAccessRequest(body, todayInBrussels(new Date()));
      local = { issues: checked.ok ? [] : checked.issues, aliases };
    }
    const mine = placeIssues(local.issues, local.aliases, places, texts);
    const theirs = server ? placeIssues(server.issues, server.aliases, places, texts) : undefined;
    const stillTheirs = (place: string | undefined): boolean => place === undefined || !server?.edited.has(place);

    for (const [place, kind] of places) {
      const messages = [...(mine.byPlace.get(place) ?? []), ...(stillTheirs(place) ? (theirs?.byPlace.get(place) ?? []) : [])];
      const shown = isShowing(place);
      const show = moment === 'sending' || triedToSend ? true : moment === 'typing' ? shown : touched.has(place) || shown;
      if (show) markPlace(place, kind, [...new Set(messages)]);
    }
    // The list at the top changes only when the broker sends: were it to change as he leaves a field, the form
    // would move under his pointer between pressing and releasing it.
    if (moment === 'sending') {
      const items: SummaryItem[] = [...mine.summary, ...(theirs?.summary.filter((item) => stillTheirs(item.place)) ?? [])];
      const unique = items.filter((item, index) => items.findIndex((other) => other.text === item.text) === index);
      summary!.innerHTML = renderIssueSummary(unique, texts);
    }
  }

  function isShowing(place: string): boolean {
    const element = browser.document.getElementById(issueId(place));
    return element !== null && !element.hidden;
  }

  /** Puts `messages` beside the place (or clears it): its message element, `aria-describedby` and `aria-invalid`. */
  function markPlace(place: string, kind: PlaceKind, messages: readonly string[]): void {
    const holder = form.querySelector(`[data-place="${place}"]`);
    const message = browser.document.getElementById(issueId(place));
    if (!holder || !message) return;
    message.textContent = messages.join(' ');
    message.hidden = messages.length === 0;
    const controls = kind === 'section' ? [holder] : Array.from(holder.querySelectorAll('input, select')).filter((control) => control.closest('[data-place]') === holder);
    for (const control of controls) {
      const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '' && id !== issueId(place));
      if (messages.length > 0) ids.push(issueId(place));
      if (ids.length > 0) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
      if (kind === 'section') continue;
      if (messages.length > 0) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  function clearAnswers(): void {
    answer!.innerHTML = '';
    failure!.innerHTML = '';
  }

  /** Sends the checked body; shows the API's answer. */
  async function send(body: Record<string, unknown>): Promise<void> {
    sending = true;
    sendButton!.disabled = true;
    clearAnswers();
    summary!.innerHTML = '';
    answer!.innerHTML = `<p>${escapeHtml(texts.answers.sending)}</p>`;
    const { aliases } = requestBodyOf(memory);
    try {
      const response = await browser.fetch(form.getAttribute('action') ?? '/dashboard/new-request', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-csrf-token': hiddenValue(form, FORM_TOKEN_FIELD),
          'idempotency-key': hiddenValue(form, IDEMPOTENCY_KEY_FIELD),
        },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
      const answered = (await response.json().catch(() => undefined)) as { id?: unknown; clientRef?: unknown; dashboardUrl?: unknown; issues?: unknown } | undefined;
      answer!.innerHTML = '';
      if (response.status === 201 && typeof answered?.dashboardUrl === 'string') {
        showFiled(String(answered.clientRef ?? ''), answered.dashboardUrl);
      } else if (response.status === 400 && Array.isArray(answered?.issues)) {
        server = { issues: answered.issues as ValidationIssue[], aliases, edited: new Set() };
        showProblems('sending', { issues: [], aliases });
        summary!.focus();
      } else {
        showFailure(response.status);
      }
    } catch {
      answer!.innerHTML = '';
      failure!.innerHTML = `<p>${escapeHtml(texts.answers.offline)}</p>`;
    } finally {
      sending = false;
      sendButton!.disabled = false;
    }
  }

  function showFiled(clientRef: string, dashboardUrl: string): void {
    answer!.innerHTML = `<div class="notice success"><p>${escapeHtml(texts.answers.filed(clientRef))}</p><p><a href="${escapeHtml(dashboardUrl)}" data-filed-request>${escapeHtml(texts.answers.openRequest)}</a></p></div>`;
    answer!.querySelector('a')?.focus();
  }

  function showFailure(status: number): void {
    const signIn = status === 401 ? ` <a href="/dashboard/sign-in" target="_blank" rel="noopener">${escapeHtml(texts.answers.signInAgain)}</a>` : '';
    failure!.innerHTML = `<p>${escapeHtml(failureText(status, texts))}${signIn}</p>`;
    failure!.setAttribute('tabindex', '-1');
    failure!.focus();
  }
}

function languageOf(lang: string | null): Language {
  return (LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as Language) : 'en';
}

function controlOf(target: unknown): BrowserControl | undefined {
  return target !== null && typeof target === 'object' && 'closest' in target ? (target as BrowserControl) : undefined;
}

function hiddenValue(form: BrowserElement, name: string): string {
  return (form.querySelector(`input[name="${name}"]`) as BrowserControl | null)?.value ?? '';
}

/** A value inside a CSS attribute selector's double quotes. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/**
 * The form's values now, over `memory`: every field shown, a group of checkboxes none of which is
 * ticked as an empty list, and the fields not shown kept as they were.
 */
function currentFields(form: BrowserElement, memory: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const shown = fieldsOf(new browser.FormData(form));
  const next = new Map<string, string[]>([...memory].map(([name, values]) => [name, [...values]]));
  for (const control of Array.from(form.querySelectorAll('[data-form-body] [name]'))) {
    const name = control.getAttribute('name') ?? '';
    if (name === FORM_ACTION_FIELD) continue;
    next.set(name, shown.get(name) ?? []);
  }
  return next;
}

/** The places the form shows now, with their kind. */
function placesOf(form: BrowserElement): Map<string, PlaceKind> {
  const places = new Map<string, PlaceKind>();
  for (const element of Array.from(form.querySelectorAll('[data-place]'))) {
    places.set(element.getAttribute('data-place') ?? '', (element.getAttribute('data-place-kind') ?? 'section') as PlaceKind);
  }
  return places;
}
