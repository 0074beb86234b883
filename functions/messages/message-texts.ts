/**
 * The shape of everything a signer, legal representative or grantee reads, one table per
 * language (`texts-nl.ts`, `texts-fr.ts`, `texts-de.ts`, `texts-en.ts`). Each table is typed
 * by {@link MessageTexts}, so a sentence missing in one language is a compile error.
 *
 * Texts are plain strings: the renderers escape them for HTML. Parameters arrive already
 * formatted for the language (dates, lists of names).
 */
import type { GranteeRelation, Language } from '../domain/request-schema.js';
import type { RefusalReason } from '../signatures/signature-verdict.js';
import { DE_TEXTS } from './texts-de.js';
import { EN_TEXTS } from './texts-en.js';
import { FR_TEXTS } from './texts-fr.js';
import { NL_TEXTS } from './texts-nl.js';

/** Why a link from an e-mail can no longer be used (`closed`: cancelled, declined or ended). */
export type UnusableLinkReason = 'used' | 'expired' | 'unknown' | 'closed';

interface Broker {
  brokerName: string;
}
interface BrokerAndClient extends Broker {
  clientName: string;
}
interface Deadline {
  /** Already formatted for the language, Brussels time. */
  expires: string;
}

/** The e-mails (R6: the legal representative's approval; R7: the grantee's activation). */
export interface MailTexts {
  greeting: (recipientName: string) => string;
  signOff: string;
  /** Introduces the raw URL under the button. */
  buttonFallback: string;
  linkIsPersonal: (p: Deadline) => string;
  notExpected: (p: Broker) => string;
  signatureInvitation: {
    requesterSubject: (p: Broker) => string;
    legalRepresentativeSubject: (p: BrokerAndClient) => string;
    /** `grantees`: the grantees' names, already joined for the language. */
    requesterIntro: (p: BrokerAndClient & { grantees: string }) => string;
    legalRepresentativeIntro: (p: BrokerAndClient & { requesterName: string; grantees: string }) => string;
    requesterAction: (p: Deadline) => string;
    legalRepresentativeAction: (p: Deadline & { clientName: string }) => string;
    button: string;
  };
  signatureReminder: {
    requesterSubject: (p: Broker) => string;
    legalRepresentativeSubject: (p: BrokerAndClient) => string;
    /** Comes right after the greeting. */
    notYetSigned: string;
    lastReminder: (p: Deadline) => string;
  };
  scanRejected: {
    subject: (p: Broker) => string;
    intro: (p: Broker) => string;
    reasonLabel: string;
    action: (p: Deadline) => string;
    button: string;
  };
  activationInvitation: {
    subject: (p: Broker) => string;
    intro: (p: BrokerAndClient) => string;
    action: (p: Deadline) => string;
    button: string;
  };
  activationReminder: {
    subject: (p: Broker) => string;
    /** Comes right after the greeting. */
    notYetActivated: (p: BrokerAndClient) => string;
    lastReminder: (p: Deadline) => string;
  };
}

/** The HTML pages opened from the e-mailed links. */
export interface PageTexts {
  greeting: (name: string) => string;
  relation: Readonly<Record<GranteeRelation, string>>;
  scopeAll: string;
  /** Followed by the list of contract labels. */
  scopeContracts: string;
  signing: {
    /** The heading: what is asked (R6: the legal representative approves by signing the same request). */
    title: string;
    requesterIntro: (p: BrokerAndClient) => string;
    legalRepresentativeIntro: (p: BrokerAndClient) => string;
    requestedHeading: string;
    formHeading: string;
    formText: string;
    /** The link that opens the form in the browser. */
    formLink: string;
    deadline: (p: Deadline) => string;
    signHeading: string;
    signIntro: string;
    noMethod: (p: Broker) => string;
    /** Each method's guidance says in two or three sentences what the signer does and where he ends up. */
    advanced: { heading: string; text: string; button: string };
    eid: { heading: string; text: string; fileLabel: string; button: string };
    handwritten: {
      heading: string;
      steps: readonly [string, string, string, string];
      fileLabel: string;
      button: string;
      review: (p: Broker) => string;
    };
    /** Under a file field: `types` already named for the signer ("PDF, JPEG, PNG"). */
    acceptedFiles: (p: { types: string; maxMb: number }) => string;
    noScript: (p: Broker) => string;
    noFileChosen: string;
    sending: string;
    /** The server answered, but not with success: nothing the signer can fix in the file. */
    sendFailed: (p: Broker) => string;
    /** The network failed: the signer may try again. */
    connectionFailed: string;
    /** Names the upload's progress bar (for screen readers). */
    uploadProgress: string;
    /** Said once the file reached storage, while it is checked. */
    checking: string;
    /** A file of a type the method does not take, before or after sending; followed by {@link acceptedFiles}. */
    wrongType: string;
    /** A file over the size limit. */
    tooLarge: (p: { maxMb: number }) => string;
    emptyFile: string;
    /** The link opened all the uploads it may (create-upload.ts, 429). */
    tooManyUploads: (p: Broker) => string;
    decline: {
      heading: string;
      text: string;
      reasonLabel: string;
      /** `maxLength` already formatted for the language. */
      reasonHint: (p: { maxLength: string }) => string;
      noReason: string;
      /** A reason the server refused (I2: characters that are not allowed). */
      reasonRefused: string;
      button: string;
    };
  };
  signatureReceived: {
    title: string;
    handwritten: (p: Broker) => string;
    electronic: (p: Broker) => string;
  };
  activation: {
    title: string;
    intro: (p: BrokerAndClient) => string;
    deadline: (p: Deadline) => string;
    scopeHeading: string;
    scopeAll: (p: { clientName: string }) => string;
    action: string;
    button: string;
    notYou: (p: Broker) => string;
  };
  activationDone: {
    title: string;
    text: (p: BrokerAndClient) => string;
    /** The next step: how the grantee gets in. */
    signIn: string;
    portalLink: string;
  };
  linkUnusable: {
    title: string;
    reasons: Readonly<Record<UnusableLinkReason, string>>;
    nothingChanged: string;
    /** What the signer or grantee can do now, for each reason. */
    nextStep: Readonly<Record<UnusableLinkReason, string>>;
  };
  signatureRefused: {
    title: string;
    /** Why a signed PDF was refused, in words the signer can act on (api-contract.md, `signature_refused`). */
    reasons: Readonly<Record<RefusalReason, string>>;
    tryAgain: string;
  };
  declined: {
    title: string;
    text: string;
    brokerInformed: (p: Broker) => string;
    /** The next step for a signer who declined by mistake: the request is over. */
    changeOfMind: (p: Broker) => string;
  };
}

/** All texts of one language. */
export interface MessageTexts {
  /** Put between a label and what follows it (": ", or " : " with a no-break space in French). */
  colon: string;
  mail: MailTexts;
  page: PageTexts;
}

const MESSAGE_TEXTS: Readonly<Record<Language, MessageTexts>> = {
  nl: NL_TEXTS,
  fr: FR_TEXTS,
  de: DE_TEXTS,
  en: EN_TEXTS,
};

/** The texts of `language`. */
export function textsFor(language: Language): MessageTexts {
  return MESSAGE_TEXTS[language];
}
