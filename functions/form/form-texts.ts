/**
 * Every fixed text of the standard access-request form (R2, R5), in the four languages a
 * request can carry. Belgian usage for nl, fr and de (verzekeringnemer, preneur d'assurance,
 * Versicherungsnehmer; ondernemingsnummer, numéro d'entreprise, Unternehmensnummer).
 *
 * `FORM_TEXTS` is typed as a mapped type over `Language` and each entry as `FormTexts`, so a
 * language or a key that is missing is a compile error, not a blank on a signed form.
 *
 * French punctuation uses a no-break space (U+00A0) before `:` and `;`.
 */
import type { GranteeRelation, Language, SignatureMethod } from '../domain/request-schema.js';

/** What an observer's mandate lets him consult (R4): everything, or the contracts listed for him. */
export type MandateScope = { kind: 'all' } | { kind: 'list'; count: number };

export interface MandateTextInput {
  /** The client as named in the text: the person's full name or the company name. */
  client: string;
  /** The observer's full name. */
  observer: string;
  brokerName: string;
  scope: MandateScope;
}

export interface RepresentativeAuthorisationInput {
  representative: string;
  company: string;
  enterpriseNumber: string;
}

export interface FormTexts {
  /** BCP 47 tag written into the PDF catalog (`/Lang`). */
  pdfLanguage: string;
  documentTitle: string;
  documentSubtitle: string;
  pdfSubject: (requestId: string, clientRef: string) => string;
  intro: (brokerName: string) => string;
  pageNumber: (page: number, pageCount: number) => string;
  /** "Label:" with the language's spacing before the colon (French: a no-break space). */
  withColon: (label: string) => string;
  /** Formats an ISO `YYYY-MM-DD` date the way a reader of this language expects. */
  formatDate: (isoDate: string) => string;

  requestReference: string;
  requestDate: string;
  clientReference: string;
  broker: string;

  sections: {
    client: string;
    requester: string;
    grantees: string;
    legalRepresentativeAuthorisation: string;
    signatures: string;
  };
  fields: {
    lastName: string;
    firstName: string;
    birthDate: string;
    address: string;
    email: string;
    companyName: string;
    enterpriseNumber: string;
    capacity: string;
    contracts: string;
  };
  legalRepresentativeHeading: string;
  /** The grantee's relation to the client, in words (R4.1–R4.5). */
  relation: Record<GranteeRelation, string>;
  granteeHeading: (index: number, count: number, name: string) => string;
  continued: string;
  /** R4: "all" means the client's current and future contracts. */
  allContracts: string;

  mandateHeading: string;
  mandateGrant: (input: MandateTextInput) => string;
  mandateRevocable: string;

  representativeAuthorisation: (input: RepresentativeAuthorisationInput) => string;
  representativeSignsBelow: string;
  requesterIsRepresentative: string;

  declaration: string;
  signatureMethodsIntro: string;
  signatureMethod: Record<SignatureMethod, string>;
  signatureNotAccepted: string;
  signatureRole: { requester: string; legalRepresentative: string };
  signatureName: string;
  signaturePlace: string;
  signatureDate: string;
  signatureHere: string;
}

/** Splits `YYYY-MM-DD` without going through `Date`, so no time zone can shift the day. */
function dateParts(isoDate: string): { year: string; month: string; day: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return { year: '', month: '', day: isoDate };
  const [, year = '', month = '', day = ''] = match;
  return { year, month, day };
}

function numericDate(separator: string): (isoDate: string) => string {
  return (isoDate) => {
    const { year, month, day } = dateParts(isoDate);
    return year ? [day, month, year].join(separator) : isoDate;
  };
}

const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

function englishDate(isoDate: string): string {
  const { year, month, day } = dateParts(isoDate);
  const monthName = ENGLISH_MONTHS[Number(month) - 1];
  return year && monthName ? `${Number(day)} ${monthName} ${year}` : isoDate;
}

const NBSP = '\u00A0';

export const FORM_TEXTS: { readonly [L in Language]: FormTexts } = {
  nl: {
    pdfLanguage: 'nl-BE',
    documentTitle: 'Aanvraag tot toegang tot het klantenportaal',
    documentSubtitle: 'Schriftelijke aanvraag (standaardformulier)',
    pdfSubject: (requestId, clientRef) =>
      `Aanvraag ${requestId} tot toegang tot het klantenportaal voor klant ${clientRef}`,
    intro: (brokerName) =>
      `Met dit formulier vraagt de verzekeringnemer aan ${brokerName} om de hieronder vermelde personen ` +
      'toegang te geven tot het klantenportaal. Toegang wordt enkel verleend op basis van een ondertekende ' +
      'schriftelijke aanvraag. Elke persoon activeert zijn toegang via een link die naar zijn eigen ' +
      'e-mailadres wordt gestuurd.',
    pageNumber: (page, pageCount) => `Pagina ${page} / ${pageCount}`,
    withColon: (label) => `${label}:`,
    formatDate: numericDate('/'),
    requestReference: 'Referentie van de aanvraag',
    requestDate: 'Datum van de aanvraag',
    clientReference: 'Klantenreferentie',
    broker: 'Makelaar',
    sections: {
      client: 'De klant (verzekeringnemer)',
      requester: 'De aanvrager',
      grantees: 'Personen die toegang krijgen',
      legalRepresentativeAuthorisation: 'Toestemming van de wettelijke vertegenwoordiger',
      signatures: 'Handtekeningen',
    },
    fields: {
      lastName: 'Naam',
      firstName: 'Voornaam',
      birthDate: 'Geboortedatum',
      address: 'Adres',
      email: 'E-mailadres',
      companyName: 'Naam van de onderneming',
      enterpriseNumber: 'Ondernemingsnummer',
      capacity: 'Hoedanigheid',
      contracts: 'Raadpleegbare contracten',
    },
    legalRepresentativeHeading: 'Wettelijke vertegenwoordiger',
    relation: {
      policyholder: 'Verzekeringnemer (de klant zelf)',
      insured: 'Verzekerde',
      other: 'Andere persoon, gemandateerd door de klant',
      legalRepresentative: 'Wettelijke vertegenwoordiger van de onderneming',
    },
    granteeHeading: (index, count, name) => `Persoon ${index} van ${count}: ${name}`,
    continued: '(vervolg)',
    allContracts: 'Alle contracten, huidige en toekomstige',
    mandateHeading: 'Mandaat',
    mandateGrant: ({ client, observer, brokerName, scope }) => {
      const what =
        scope.kind === 'all'
          ? 'alle huidige en toekomstige contracten van de klant'
          : scope.count === 1
            ? 'het hierboven vermelde contract'
            : 'de hierboven vermelde contracten';
      return (
        `De klant, ${client}, machtigt ${observer} om in het klantenportaal van ${brokerName} ${what} ` +
        'te raadplegen. Dit mandaat geeft enkel inzage.'
      );
    },
    mandateRevocable: 'De klant kan dit mandaat op elk ogenblik herroepen; de toegang eindigt dan onmiddellijk.',
    representativeAuthorisation: ({ representative, company, enterpriseNumber }) =>
      `Ik, ${representative}, wettelijke vertegenwoordiger van ${company} (ondernemingsnummer ` +
      `${enterpriseNumber}), keur namens de onderneming deze aanvraag goed, evenals de toegang en de ` +
      'mandaten die in dit formulier worden beschreven.',
    representativeSignsBelow:
      'De wettelijke vertegenwoordiger geeft deze toestemming door dit formulier hieronder mee te ondertekenen.',
    requesterIsRepresentative:
      'De aanvrager is deze wettelijke vertegenwoordiger: zijn handtekening hieronder geldt ook als deze toestemming.',
    declaration:
      'De ondertekenaars bevestigen dat de gegevens in dit formulier juist en volledig zijn. Dit formulier ' +
      'wordt in het klantenportaal getoond naast de toegang die het verleent, zodat kan worden nagegaan dat ' +
      'de toegang overeenstemt met wat ondertekend werd.',
    signatureMethodsIntro: 'Aanvaarde handtekeningen:',
    signatureMethod: {
      advanced: 'geavanceerde elektronische handtekening (zoals PortiSign)',
      eid: 'elektronische handtekening met de Belgische eID',
      handwritten: 'handgeschreven handtekening op het afgedrukte formulier (waarvan een scan wordt opgeladen)',
    },
    signatureNotAccepted:
      'Een getypte naam, een klik of een handtekening die op het scherm wordt getekend, volstaat niet.',
    signatureRole: { requester: 'De aanvrager', legalRepresentative: 'De wettelijke vertegenwoordiger' },
    signatureName: 'Naam',
    signaturePlace: 'Plaats',
    signatureDate: 'Datum',
    signatureHere: 'Handtekening',
  },

  fr: {
    pdfLanguage: 'fr-BE',
    documentTitle: 'Demande d\u2019accès au portail client',
    documentSubtitle: 'Demande écrite (formulaire standard)',
    pdfSubject: (requestId, clientRef) => `Demande ${requestId} d\u2019accès au portail client pour le client ${clientRef}`,
    intro: (brokerName) =>
      `Par le présent formulaire, le preneur d\u2019assurance demande au courtier ${brokerName} de donner aux personnes ` +
      'mentionnées ci-dessous l\u2019accès au portail client. L\u2019accès n\u2019est accordé que sur demande écrite ' +
      'et signée. Chaque personne active son accès au moyen d\u2019un lien envoyé à sa propre adresse e-mail.',
    pageNumber: (page, pageCount) => `Page ${page} / ${pageCount}`,
    withColon: (label) => `${label}${NBSP}:`,
    formatDate: numericDate('/'),
    requestReference: 'Référence de la demande',
    requestDate: 'Date de la demande',
    clientReference: 'Référence client',
    broker: 'Courtier',
    sections: {
      client: 'Le client (preneur d\u2019assurance)',
      requester: 'Le demandeur',
      grantees: 'Personnes qui recevront l\u2019accès',
      legalRepresentativeAuthorisation: 'Autorisation du représentant légal',
      signatures: 'Signatures',
    },
    fields: {
      lastName: 'Nom',
      firstName: 'Prénom',
      birthDate: 'Date de naissance',
      address: 'Adresse',
      email: 'Adresse e-mail',
      companyName: 'Dénomination',
      enterpriseNumber: 'Numéro d\u2019entreprise',
      capacity: 'Qualité',
      contracts: 'Contrats consultables',
    },
    legalRepresentativeHeading: 'Représentant légal',
    relation: {
      policyholder: 'Preneur d\u2019assurance (le client lui-même)',
      insured: 'Assuré',
      other: 'Autre personne mandatée par le client',
      legalRepresentative: 'Représentant légal de l\u2019entreprise',
    },
    granteeHeading: (index, count, name) => `Personne ${index} sur ${count}${NBSP}: ${name}`,
    continued: '(suite)',
    allContracts: 'Tous les contrats, actuels et futurs',
    mandateHeading: 'Mandat',
    mandateGrant: ({ client, observer, brokerName, scope }) => {
      const what =
        scope.kind === 'all'
          ? 'tous les contrats actuels et futurs du client'
          : scope.count === 1
            ? 'le contrat mentionné ci-dessus'
            : 'les contrats mentionnés ci-dessus';
      return (
        `Le client, ${client}, autorise ${observer} à consulter, dans le portail client du courtier ${brokerName}, ` +
        `${what}. Ce mandat ne permet que la consultation.`
      );
    },
    mandateRevocable: `Le client peut révoquer ce mandat à tout moment${NBSP}; l\u2019accès prend alors fin immédiatement.`,
    representativeAuthorisation: ({ representative, company, enterpriseNumber }) =>
      `Je soussigné, ${representative}, représentant légal de ${company} (numéro d\u2019entreprise ` +
      `${enterpriseNumber}), approuve au nom de l\u2019entreprise la présente demande ainsi que les accès et ` +
      'les mandats décrits dans ce formulaire.',
    representativeSignsBelow:
      'Le représentant légal donne cette autorisation en signant également ce formulaire ci-dessous.',
    requesterIsRepresentative:
      `Le demandeur est ce représentant légal${NBSP}: sa signature ci-dessous vaut aussi cette autorisation.`,
    declaration:
      'Les signataires confirment que les données de ce formulaire sont exactes et complètes. Ce formulaire ' +
      'sera affiché dans le portail client à côté des accès qu\u2019il accorde, afin que l\u2019on puisse vérifier ' +
      'que ces accès correspondent à ce qui a été signé.',
    signatureMethodsIntro: `Signatures acceptées${NBSP}:`,
    signatureMethod: {
      advanced: 'signature électronique avancée (telle que PortiSign)',
      eid: 'signature électronique au moyen de l\u2019eID belge',
      handwritten: 'signature manuscrite sur le formulaire imprimé (dont une copie scannée est chargée)',
    },
    signatureNotAccepted:
      'Un nom dactylographié, un clic ou une signature dessinée à l\u2019écran ne suffit pas.',
    signatureRole: { requester: 'Le demandeur', legalRepresentative: 'Le représentant légal' },
    signatureName: 'Nom',
    signaturePlace: 'Lieu',
    signatureDate: 'Date',
    signatureHere: 'Signature',
  },

  de: {
    pdfLanguage: 'de-BE',
    documentTitle: 'Antrag auf Zugang zum Kundenportal',
    documentSubtitle: 'Schriftlicher Antrag (Standardformular)',
    pdfSubject: (requestId, clientRef) => `Antrag ${requestId} auf Zugang zum Kundenportal für Kunde ${clientRef}`,
    intro: (brokerName) =>
      `Mit diesem Formular beantragt der Versicherungsnehmer bei ${brokerName}, den nachstehend genannten ` +
      'Personen Zugang zum Kundenportal zu gewähren. Der Zugang wird nur auf einen unterzeichneten ' +
      'schriftlichen Antrag hin gewährt. Jede Person aktiviert ihren Zugang über einen Link, der an ihre ' +
      'eigene E-Mail-Adresse gesendet wird.',
    pageNumber: (page, pageCount) => `Seite ${page} / ${pageCount}`,
    withColon: (label) => `${label}:`,
    formatDate: numericDate('.'),
    requestReference: 'Referenz des Antrags',
    requestDate: 'Antragsdatum',
    clientReference: 'Kundenreferenz',
    broker: 'Versicherungsmakler',
    sections: {
      client: 'Der Kunde (Versicherungsnehmer)',
      requester: 'Der Antragsteller',
      grantees: 'Personen, die Zugang erhalten',
      legalRepresentativeAuthorisation: 'Genehmigung durch den gesetzlichen Vertreter',
      signatures: 'Unterschriften',
    },
    fields: {
      lastName: 'Name',
      firstName: 'Vorname',
      birthDate: 'Geburtsdatum',
      address: 'Anschrift',
      email: 'E-Mail-Adresse',
      companyName: 'Name des Unternehmens',
      enterpriseNumber: 'Unternehmensnummer',
      capacity: 'Eigenschaft',
      contracts: 'Einsehbare Verträge',
    },
    legalRepresentativeHeading: 'Gesetzlicher Vertreter',
    relation: {
      policyholder: 'Versicherungsnehmer (der Kunde selbst)',
      insured: 'Versicherte Person',
      other: 'Andere vom Kunden bevollmächtigte Person',
      legalRepresentative: 'Gesetzlicher Vertreter des Unternehmens',
    },
    granteeHeading: (index, count, name) => `Person ${index} von ${count}: ${name}`,
    continued: '(Fortsetzung)',
    allContracts: 'Alle Verträge, bestehende und künftige',
    mandateHeading: 'Vollmacht',
    mandateGrant: ({ client, observer, brokerName, scope }) => {
      const what =
        scope.kind === 'all'
          ? 'alle bestehenden und künftigen Verträge des Kunden'
          : scope.count === 1
            ? 'den oben aufgeführten Vertrag'
            : 'die oben aufgeführten Verträge';
      return (
        `Der Kunde, ${client}, bevollmächtigt ${observer}, im Kundenportal von ${brokerName} ${what} ` +
        'einzusehen. Diese Vollmacht berechtigt nur zur Einsichtnahme.'
      );
    },
    mandateRevocable: 'Der Kunde kann diese Vollmacht jederzeit widerrufen; der Zugang endet dann sofort.',
    representativeAuthorisation: ({ representative, company, enterpriseNumber }) =>
      `Ich, ${representative}, gesetzlicher Vertreter von ${company} (Unternehmensnummer ${enterpriseNumber}), ` +
      'genehmige im Namen des Unternehmens diesen Antrag sowie die in diesem Formular beschriebenen ' +
      'Zugänge und Vollmachten.',
    representativeSignsBelow:
      'Der gesetzliche Vertreter erteilt diese Genehmigung, indem er dieses Formular unten mitunterzeichnet.',
    requesterIsRepresentative:
      'Der Antragsteller ist dieser gesetzliche Vertreter: Seine Unterschrift unten gilt zugleich als diese Genehmigung.',
    declaration:
      'Die Unterzeichner bestätigen, dass die Angaben in diesem Formular richtig und vollständig sind. Dieses ' +
      'Formular wird im Kundenportal neben den gewährten Zugängen angezeigt, damit überprüft werden kann, ' +
      'dass die Zugänge dem Unterzeichneten entsprechen.',
    signatureMethodsIntro: 'Zulässige Unterschriften:',
    signatureMethod: {
      advanced: 'fortgeschrittene elektronische Signatur (z.\u00A0B. PortiSign)',
      eid: 'elektronische Signatur mit dem belgischen Personalausweis (eID)',
      handwritten: 'handschriftliche Unterschrift auf dem ausgedruckten Formular (ein Scan davon wird hochgeladen)',
    },
    signatureNotAccepted:
      'Ein getippter Name, ein Klick oder eine auf dem Bildschirm gezeichnete Unterschrift genügt nicht.',
    signatureRole: { requester: 'Der Antragsteller', legalRepresentative: 'Der gesetzliche Vertreter' },
    signatureName: 'Name',
    signaturePlace: 'Ort',
    signatureDate: 'Datum',
    signatureHere: 'Unterschrift',
  },

  en: {
    pdfLanguage: 'en',
    documentTitle: 'Request for access to the client portal',
    documentSubtitle: 'Written request (standard form)',
    pdfSubject: (requestId, clientRef) => `Request ${requestId} for access to the client portal for client ${clientRef}`,
    intro: (brokerName) =>
      `With this form the policyholder asks ${brokerName} to give the persons named below access to the ` +
      'client portal. Access is given only on a signed, written request. Each person activates his access ' +
      'from a link sent to his own e-mail address.',
    pageNumber: (page, pageCount) => `Page ${page} / ${pageCount}`,
    withColon: (label) => `${label}:`,
    formatDate: englishDate,
    requestReference: 'Request reference',
    requestDate: 'Date of the request',
    clientReference: 'Client reference',
    broker: 'Broker',
    sections: {
      client: 'The client (policyholder)',
      requester: 'The requester',
      grantees: 'Persons who will have access',
      legalRepresentativeAuthorisation: 'Authorisation by the legal representative',
      signatures: 'Signatures',
    },
    fields: {
      lastName: 'Surname',
      firstName: 'First name',
      birthDate: 'Date of birth',
      address: 'Address',
      email: 'E-mail address',
      companyName: 'Company name',
      enterpriseNumber: 'Enterprise number',
      capacity: 'Capacity',
      contracts: 'Contracts that may be consulted',
    },
    legalRepresentativeHeading: 'Legal representative',
    relation: {
      policyholder: 'Policyholder (the client himself)',
      insured: 'Insured person',
      other: 'Other person mandated by the client',
      legalRepresentative: 'Legal representative of the company',
    },
    granteeHeading: (index, count, name) => `Person ${index} of ${count}: ${name}`,
    continued: '(continued)',
    allContracts: 'All contracts, current and future',
    mandateHeading: 'Mandate',
    mandateGrant: ({ client, observer, brokerName, scope }) => {
      const what =
        scope.kind === 'all'
          ? 'all of the client\u2019s contracts, current and future'
          : scope.count === 1
            ? 'the contract listed above'
            : 'the contracts listed above';
      return (
        `The client, ${client}, authorises ${observer} to consult ${what} in the client portal of ` +
        `${brokerName}. This mandate allows consultation only.`
      );
    },
    mandateRevocable: 'The client may revoke this mandate at any time; the access then ends immediately.',
    representativeAuthorisation: ({ representative, company, enterpriseNumber }) =>
      `I, ${representative}, legal representative of ${company} (enterprise number ${enterpriseNumber}), ` +
      'approve on behalf of the company this request and the access and mandates described in this form.',
    representativeSignsBelow:
      'The legal representative gives this authorisation by also signing this form below.',
    requesterIsRepresentative:
      'The requester is this legal representative: his signature below also gives this authorisation.',
    declaration:
      'The signatories confirm that the information in this form is accurate and complete. This form will be ' +
      'shown in the client portal beside the access it grants, so that anyone can check that the access ' +
      'matches what was signed.',
    signatureMethodsIntro: 'Accepted signatures:',
    signatureMethod: {
      advanced: 'advanced electronic signature (such as PortiSign)',
      eid: 'electronic signature with the Belgian eID card',
      handwritten: 'handwritten signature on the printed form (a scan of it is uploaded)',
    },
    signatureNotAccepted: 'A typed name, a click or a signature drawn on screen is not enough.',
    signatureRole: { requester: 'The requester', legalRepresentative: 'The legal representative' },
    signatureName: 'Name',
    signaturePlace: 'Place',
    signatureDate: 'Date',
    signatureHere: 'Signature',
  },
};
