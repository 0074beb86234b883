/**
 * The words of the new-request form (new-request-page.ts, request-form-render.ts) and of its
 * script's messages (functions/dashboard/client/), in the dashboard's four languages. Belgian
 * usage, as on the signed form (functions/form/form-texts.ts): verzekeringnemer, preneur
 * d'assurance, Versicherungsnehmer; ondernemingsnummer, numéro d'entreprise, Unternehmensnummer.
 * French punctuation puts a no-break space (U+00A0) before `:` and `;`.
 *
 * Browser-safe: the script bundles these words with the form's renderer.
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`.
 */
import type { GranteeRelation, Language, SignatureMethod } from '../../domain/request-schema.js';

const NBSP = '\u00a0';

/** The words a field's place is named by, in a message or in the list of problems. */
export interface PlaceWords {
  readonly request: string;
  readonly client: string;
  readonly company: string;
  readonly legalRepresentative: string;
  readonly requester: string;
  readonly contract: (position: number) => string;
  readonly grantee: (position: number) => string;
}

/** The words of each field. */
export interface FieldWords {
  readonly clientRef: string;
  readonly language: string;
  readonly requestDate: string;
  readonly clientType: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly birthDate: string;
  readonly address: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
  readonly email: string;
  readonly identity: string;
  readonly companyName: string;
  readonly enterpriseNumber: string;
  readonly requesterIs: string;
  readonly ref: string;
  readonly label: string;
  readonly relation: string;
  readonly granteeContracts: string;
  readonly signatureMethods: string;
  readonly contracts: string;
  readonly grantees: string;
}

/** What the form says when a rule is broken (issue-words.ts maps each API issue to one of these). */
export interface IssueWords {
  readonly required: string;
  readonly invalidDate: string;
  readonly email: string;
  readonly reference: string;
  readonly unsafeCharacter: (character: string) => string;
  readonly tooLong: (max: number) => string;
  readonly tooShort: (min: number) => string;
  readonly tooManyEntries: (max: number) => string;
  readonly invalidChoice: string;
  readonly requestDateInFuture: string;
  readonly birthDateInFuture: string;
  readonly birthDateTooEarly: (earliest: string) => string;
  readonly enterpriseNumber: string;
  readonly requesterIsPolicyholder: string;
  readonly relationNotAllowed: string;
  readonly mustBeClient: string;
  readonly mustBeLegalRepresentative: string;
  readonly allContractsOnly: string;
  readonly exactlyOneContract: (given: number) => string;
  readonly atLeastOneContract: string;
  readonly contractTwice: (ref: string) => string;
  readonly contractUnknown: (ref: string) => string;
  readonly granteeRepeats: (position: number) => string;
  readonly methodTwice: string;
  readonly atLeastOneMethod: string;
  readonly atLeastOneGrantee: string;
  readonly tooManyGrantees: (max: number) => string;
  readonly moreIssues: (count: number) => string;
}

export interface NewRequestTexts {
  readonly title: string;
  readonly intro: string;
  readonly requiredHint: string;
  readonly sections: {
    readonly request: string;
    readonly client: string;
    readonly requester: string;
    readonly contracts: string;
    readonly grantees: string;
    readonly signature: string;
  };
  readonly places: PlaceWords;
  readonly fields: FieldWords;
  readonly hints: {
    readonly clientRef: string;
    readonly requestDate: string;
    readonly language: string;
    readonly clientEmail: string;
    readonly enterpriseNumber: string;
    readonly legalRepresentativeEmail: string;
    readonly naturalRequester: string;
    readonly contracts: string;
    readonly granteeEmail: string;
    readonly noContractsYet: string;
    readonly insured: string;
  };
  readonly clientTypes: Readonly<Record<'natural' | 'legal', string>>;
  readonly requesterChoices: Readonly<Record<'legalRepresentative' | 'other', string>>;
  readonly relations: Readonly<Record<GranteeRelation, string>>;
  readonly namedElsewhere: Readonly<Record<'policyholder' | 'legalRepresentative', string>>;
  readonly allContracts: string;
  readonly signatureMethods: Readonly<Record<SignatureMethod, string>>;
  readonly languageNames: Readonly<Record<Language, string>>;
  readonly buttons: {
    readonly send: string;
    readonly addContract: string;
    readonly removeContract: (position: number) => string;
    readonly addGrantee: string;
    readonly removeGrantee: (position: number) => string;
    readonly refresh: string;
    readonly refreshHint: string;
  };
  readonly summary: (count: number) => string;
  /** One problem in the list: where, and what is wrong. */
  readonly summaryItem: (place: string, message: string) => string;
  readonly issues: IssueWords;
  readonly answers: {
    readonly sending: string;
    readonly filedTitle: string;
    readonly filed: (clientRef: string) => string;
    readonly openRequest: string;
    readonly fileAnother: string;
    readonly sessionEnded: string;
    readonly formExpired: string;
    readonly signInAgain: string;
    readonly conflict: string;
    readonly tooLarge: string;
    readonly unavailable: string;
    readonly offline: string;
    readonly failed: (status: number) => string;
  };
}

const TEXTS: Readonly<Record<Language, NewRequestTexts>> = {
  nl: {
    title: 'Nieuwe aanvraag',
    intro: 'Vul de gegevens van het standaardformulier in. Elk veld wordt gecontroleerd met dezelfde regels als de API, nog voor er iets verstuurd wordt.',
    requiredHint: 'Alle velden zijn verplicht, tenzij anders vermeld.',
    sections: {
      request: 'De aanvraag',
      client: 'De klant',
      requester: 'De aanvrager',
      contracts: 'Contracten',
      grantees: 'Personen die toegang krijgen',
      signature: 'Ondertekening',
    },
    places: {
      request: 'Aanvraag',
      client: 'Klant',
      company: 'Onderneming',
      legalRepresentative: 'Wettelijke vertegenwoordiger',
      requester: 'Aanvrager',
      contract: (position) => `Contract ${position}`,
      grantee: (position) => `Persoon ${position}`,
    },
    fields: {
      clientRef: 'Klantreferentie',
      language: 'Taal van het formulier en de e-mails',
      requestDate: 'Datum van de aanvraag',
      clientType: 'Soort klant',
      lastName: 'Naam',
      firstName: 'Voornaam',
      birthDate: 'Geboortedatum',
      address: 'Adres',
      street: 'Straat en huisnummer',
      postalCode: 'Postcode',
      city: 'Gemeente',
      country: 'Land',
      email: 'E-mailadres',
      identity: 'Identiteit',
      companyName: 'Naam van de onderneming',
      enterpriseNumber: 'Ondernemingsnummer',
      requesterIs: 'Wie vraagt de toegang aan?',
      ref: 'Contractnummer',
      label: 'Omschrijving',
      relation: 'Hoedanigheid',
      granteeContracts: 'Contracten die deze persoon mag raadplegen',
      signatureMethods: 'Aanvaarde handtekeningen',
      contracts: 'Contracten',
      grantees: 'Personen die toegang krijgen',
    },
    hints: {
      clientRef: 'Uw referentie van de klant in uw beheerpakket, bv. C-1001.',
      requestDate: 'De dag waarop de klant de toegang vroeg; niet in de toekomst.',
      language: 'De klant ontvangt het formulier en de e-mails in deze taal.',
      clientEmail: 'De klant ondertekent de aanvraag via een link naar dit adres.',
      enterpriseNumber: 'Tien cijfers, bv. 0123.456.749.',
      legalRepresentativeEmail: 'De wettelijke vertegenwoordiger keurt de aanvraag goed door ze te ondertekenen (R6).',
      naturalRequester: 'Voor een natuurlijke persoon vraagt de klant (de verzekeringnemer) zelf de toegang aan en ondertekent hij de aanvraag (R1).',
      contracts: 'De contracten van de klant die op het formulier komen. Laat deze lijst leeg als alleen de klant of de wettelijke vertegenwoordiger toegang krijgt: zij zien alle contracten.',
      granteeEmail: 'Deze persoon activeert de toegang via een link naar dit adres (R7).',
      noContractsYet: 'Vul eerst hierboven de contracten in.',
      insured: 'Een verzekerde ziet precies het ene contract waarop hij verzekerd is (R4.2).',
    },
    clientTypes: { natural: 'Een natuurlijke persoon', legal: 'Een onderneming (rechtspersoon)' },
    requesterChoices: { legalRepresentative: 'De wettelijke vertegenwoordiger zelf', other: 'Een andere persoon, namens de onderneming' },
    relations: {
      policyholder: 'De klant zelf (verzekeringnemer)',
      insured: 'Een verzekerde',
      other: 'Een andere persoon (gevolmachtigde)',
      legalRepresentative: 'De wettelijke vertegenwoordiger',
    },
    namedElsewhere: {
      policyholder: 'Identiteit, adres en e-mailadres: die van de klant hierboven.',
      legalRepresentative: 'Identiteit, adres en e-mailadres: die van de wettelijke vertegenwoordiger hierboven.',
    },
    allContracts: 'Toegang tot alle huidige en toekomstige contracten van de klant.',
    signatureMethods: {
      advanced: 'Geavanceerde elektronische handtekening (ondertekeningsdienst)',
      eid: 'Belgische eID',
      handwritten: 'Handgeschreven handtekening op het afgedrukte formulier (scan)',
    },
    languageNames: { nl: 'Nederlands', fr: 'Frans', de: 'Duits', en: 'Engels' },
    buttons: {
      send: 'Aanvraag versturen',
      addContract: 'Contract toevoegen',
      removeContract: (position) => `Contract ${position} verwijderen`,
      addGrantee: 'Persoon toevoegen',
      removeGrantee: (position) => `Persoon ${position} verwijderen`,
      refresh: 'Formulier bijwerken',
      refreshHint: 'Toont de velden die bij uw keuze horen.',
    },
    summary: (count) => (count === 1 ? 'Er is 1 probleem met de aanvraag' : `Er zijn ${count} problemen met de aanvraag`),
    summaryItem: (place, message) => `${place}: ${message}`,
    issues: {
      required: 'Vul dit veld in.',
      invalidDate: 'Vul een geldige datum in.',
      email: 'Vul een e-mailadres in zoals naam@voorbeeld.be (alleen ASCII-tekens).',
      reference: 'Gebruik 1 tot 64 letters (A–Z), cijfers en . _ - /, te beginnen met een letter of cijfer.',
      unsafeCharacter: (character) => `Bevat een onzichtbaar teken of stuurteken (${character}); typ de tekst opnieuw.`,
      tooLong: (max) => `Hoogstens ${max} tekens.`,
      tooShort: (min) => `Minstens ${min} tekens.`,
      tooManyEntries: (max) => `Hoogstens ${max} items.`,
      invalidChoice: 'Kies een van de mogelijkheden.',
      requestDateInFuture: 'De datum van de aanvraag ligt in de toekomst.',
      birthDateInFuture: 'De geboortedatum ligt in de toekomst.',
      birthDateTooEarly: (earliest) => `De geboortedatum ligt vóór ${earliest}.`,
      enterpriseNumber: 'Dit is geen geldig ondernemingsnummer (tien cijfers zoals 0123.456.749, met kloppende controlecijfers).',
      requesterIsPolicyholder: 'De aanvrager moet de verzekeringnemer zijn: zelfde naam, voornaam en geboortedatum als de klant (R1).',
      relationNotAllowed: 'Deze hoedanigheid past niet bij de soort klant (R4).',
      mustBeClient: 'Deze persoon moet de klant zelf zijn: zelfde naam, voornaam en geboortedatum (R4.1).',
      mustBeLegalRepresentative: 'Deze persoon moet de wettelijke vertegenwoordiger zijn: zelfde naam, voornaam en geboortedatum (R4.4).',
      allContractsOnly: 'Deze persoon ziet alle contracten, huidige en toekomstige; kies er geen.',
      exactlyOneContract: (given) => `Een verzekerde ziet precies het ene contract waarop hij verzekerd is; er zijn er ${given} gekozen (R4.2).`,
      atLeastOneContract: 'Deze persoon ziet alleen de gekozen contracten: kies er minstens één.',
      contractTwice: (ref) => `Contract „${ref}” staat er twee keer in.`,
      contractUnknown: (ref) => `Contract „${ref}” staat niet bij de contracten van de aanvraag.`,
      granteeRepeats: (position) => `Deze persoon is dezelfde als persoon ${position} (zelfde persoon of zelfde e-mailadres); vermeld elke persoon één keer (R5).`,
      methodTwice: 'Een handtekening staat er twee keer in.',
      atLeastOneMethod: 'Kies minstens één manier van ondertekenen (R3).',
      atLeastOneGrantee: 'Voeg minstens één persoon toe die toegang krijgt.',
      tooManyGrantees: (max) => `Hoogstens ${max} personen per aanvraag: maak er meerdere aan.`,
      moreIssues: (count) => `en nog ${count} problemen die niet getoond worden.`,
    },
    answers: {
      sending: 'Aanvraag wordt verstuurd…',
      filedTitle: 'De aanvraag is ingediend',
      filed: (clientRef) => `De aanvraag voor klant ${clientRef} is ingediend; de klant ontvangt zo dadelijk de link om te ondertekenen.`,
      openRequest: 'Aanvraag openen',
      fileAnother: 'Nog een aanvraag invullen',
      sessionEnded: 'U bent niet meer aangemeld, dus er is niets verstuurd. Meld u opnieuw aan in een ander tabblad en verstuur de aanvraag dan nog eens.',
      formExpired: 'Dit formulier hoort bij een vorige sessie, dus er is niets verstuurd. Open de pagina opnieuw en vul het formulier opnieuw in.',
      signInAgain: 'Opnieuw aanmelden (nieuw tabblad)',
      conflict: 'Dit formulier werd al verstuurd met andere gegevens. Open een nieuw formulier om een andere aanvraag in te dienen.',
      tooLarge: 'De aanvraag is te groot om te versturen. Maak er meerdere aanvragen van.',
      unavailable: 'De dienst is even bezet; er is niets verloren. Verstuur de aanvraag over enkele ogenblikken opnieuw.',
      offline: 'De aanvraag kon niet verstuurd worden (geen verbinding). Verstuur ze opnieuw: ze wordt maar één keer ingediend.',
      failed: (status) => `Het versturen is mislukt (fout ${status}). Verstuur de aanvraag opnieuw: ze wordt maar één keer ingediend.`,
    },
  },
  fr: {
    title: 'Nouvelle demande',
    intro: `Complétez les données du formulaire standard. Chaque champ est vérifié selon les mêmes règles que l’API, avant tout envoi.`,
    requiredHint: 'Tous les champs sont obligatoires, sauf mention contraire.',
    sections: {
      request: 'La demande',
      client: 'Le client',
      requester: 'Le demandeur',
      contracts: 'Contrats',
      grantees: `Personnes qui recevront l’accès`,
      signature: 'Signature',
    },
    places: {
      request: 'Demande',
      client: 'Client',
      company: 'Entreprise',
      legalRepresentative: 'Représentant légal',
      requester: 'Demandeur',
      contract: (position) => `Contrat ${position}`,
      grantee: (position) => `Personne ${position}`,
    },
    fields: {
      clientRef: 'Référence du client',
      language: 'Langue du formulaire et des e-mails',
      requestDate: 'Date de la demande',
      clientType: 'Type de client',
      lastName: 'Nom',
      firstName: 'Prénom',
      birthDate: 'Date de naissance',
      address: 'Adresse',
      street: 'Rue et numéro',
      postalCode: 'Code postal',
      city: 'Localité',
      country: 'Pays',
      email: 'Adresse e-mail',
      identity: 'Identité',
      companyName: 'Dénomination',
      enterpriseNumber: `Numéro d’entreprise`,
      requesterIs: `Qui demande l’accès${NBSP}?`,
      ref: 'Numéro de contrat',
      label: 'Description',
      relation: 'Qualité',
      granteeContracts: 'Contrats que cette personne peut consulter',
      signatureMethods: 'Signatures acceptées',
      contracts: 'Contrats',
      grantees: `Personnes qui recevront l’accès`,
    },
    hints: {
      clientRef: 'Votre référence du client dans votre logiciel de gestion, p. ex. C-1001.',
      requestDate: `Le jour où le client a demandé l’accès${NBSP}; pas dans le futur.`,
      language: 'Le client reçoit le formulaire et les e-mails dans cette langue.',
      clientEmail: 'Le client signe la demande via un lien envoyé à cette adresse.',
      enterpriseNumber: 'Dix chiffres, p. ex. 0123.456.749.',
      legalRepresentativeEmail: 'Le représentant légal approuve la demande en la signant (R6).',
      naturalRequester: `Pour une personne physique, le client (le preneur d’assurance) demande lui-même l’accès et signe la demande (R1).`,
      contracts: `Les contrats du client repris sur le formulaire. Laissez cette liste vide si seul le client ou le représentant légal reçoit l’accès${NBSP}: ils voient tous les contrats.`,
      granteeEmail: `Cette personne active son accès via un lien envoyé à cette adresse (R7).`,
      noContractsYet: `Complétez d’abord les contrats ci-dessus.`,
      insured: `Un assuré voit exactement le contrat sur lequel il est assuré (R4.2).`,
    },
    clientTypes: { natural: 'Une personne physique', legal: 'Une entreprise (personne morale)' },
    requesterChoices: { legalRepresentative: 'Le représentant légal lui-même', other: `Une autre personne, au nom de l’entreprise` },
    relations: {
      policyholder: `Le client lui-même (preneur d’assurance)`,
      insured: 'Un assuré',
      other: 'Une autre personne (mandataire)',
      legalRepresentative: 'Le représentant légal',
    },
    namedElsewhere: {
      policyholder: `Identité, adresse et adresse e-mail${NBSP}: celles du client ci-dessus.`,
      legalRepresentative: `Identité, adresse et adresse e-mail${NBSP}: celles du représentant légal ci-dessus.`,
    },
    allContracts: 'Accès à tous les contrats actuels et futurs du client.',
    signatureMethods: {
      advanced: 'Signature électronique avancée (service de signature)',
      eid: 'eID belge',
      handwritten: 'Signature manuscrite sur le formulaire imprimé (scan)',
    },
    languageNames: { nl: 'Néerlandais', fr: 'Français', de: 'Allemand', en: 'Anglais' },
    buttons: {
      send: 'Envoyer la demande',
      addContract: 'Ajouter un contrat',
      removeContract: (position) => `Supprimer le contrat ${position}`,
      addGrantee: 'Ajouter une personne',
      removeGrantee: (position) => `Supprimer la personne ${position}`,
      refresh: 'Mettre le formulaire à jour',
      refreshHint: 'Affiche les champs qui correspondent à votre choix.',
    },
    summary: (count) => (count === 1 ? 'La demande comporte 1 problème' : `La demande comporte ${count} problèmes`),
    summaryItem: (place, message) => `${place}${NBSP}: ${message}`,
    issues: {
      required: 'Complétez ce champ.',
      invalidDate: 'Indiquez une date valide.',
      email: 'Indiquez une adresse e-mail comme nom@exemple.be (caractères ASCII uniquement).',
      reference: 'Utilisez de 1 à 64 lettres (A–Z), chiffres et . _ - /, en commençant par une lettre ou un chiffre.',
      unsafeCharacter: (character) => `Contient un caractère invisible ou de contrôle (${character})${NBSP}; retapez le texte.`,
      tooLong: (max) => `${max} caractères au maximum.`,
      tooShort: (min) => `${min} caractères au minimum.`,
      tooManyEntries: (max) => `${max} éléments au maximum.`,
      invalidChoice: `Choisissez l’une des possibilités.`,
      requestDateInFuture: 'La date de la demande est dans le futur.',
      birthDateInFuture: 'La date de naissance est dans le futur.',
      birthDateTooEarly: (earliest) => `La date de naissance est antérieure au ${earliest}.`,
      enterpriseNumber: `Ce n’est pas un numéro d’entreprise valide (dix chiffres comme 0123.456.749, avec des chiffres de contrôle corrects).`,
      requesterIsPolicyholder: `Le demandeur doit être le preneur d’assurance${NBSP}: mêmes nom, prénom et date de naissance que le client (R1).`,
      relationNotAllowed: 'Cette qualité ne convient pas à ce type de client (R4).',
      mustBeClient: `Cette personne doit être le client lui-même${NBSP}: mêmes nom, prénom et date de naissance (R4.1).`,
      mustBeLegalRepresentative: `Cette personne doit être le représentant légal${NBSP}: mêmes nom, prénom et date de naissance (R4.4).`,
      allContractsOnly: `Cette personne voit tous les contrats, actuels et futurs${NBSP}; n’en choisissez aucun.`,
      exactlyOneContract: (given) => `Un assuré voit exactement le contrat sur lequel il est assuré${NBSP}; ${given} choisi(s) (R4.2).`,
      atLeastOneContract: `Cette personne ne voit que les contrats choisis${NBSP}: choisissez-en au moins un.`,
      contractTwice: (ref) => `Le contrat «${NBSP}${ref}${NBSP}» figure deux fois.`,
      contractUnknown: (ref) => `Le contrat «${NBSP}${ref}${NBSP}» ne figure pas parmi les contrats de la demande.`,
      granteeRepeats: (position) => `Cette personne est la même que la personne ${position} (même personne ou même adresse e-mail)${NBSP}; indiquez chaque personne une seule fois (R5).`,
      methodTwice: 'Une signature figure deux fois.',
      atLeastOneMethod: 'Choisissez au moins une façon de signer (R3).',
      atLeastOneGrantee: `Ajoutez au moins une personne qui recevra l’accès.`,
      tooManyGrantees: (max) => `${max} personnes au maximum par demande${NBSP}: introduisez-en plusieurs.`,
      moreIssues: (count) => `et encore ${count} problèmes non affichés.`,
    },
    answers: {
      sending: 'Envoi de la demande…',
      filedTitle: 'La demande a été introduite',
      filed: (clientRef) => `La demande pour le client ${clientRef} a été introduite${NBSP}; le client recevra sous peu le lien pour signer.`,
      openRequest: 'Ouvrir la demande',
      fileAnother: 'Remplir une autre demande',
      sessionEnded: `Vous n’êtes plus connecté${NBSP}: rien n’a été envoyé. Reconnectez-vous dans un autre onglet, puis renvoyez la demande.`,
      formExpired: `Ce formulaire appartient à une session précédente${NBSP}: rien n’a été envoyé. Rouvrez la page et remplissez à nouveau le formulaire.`,
      signInAgain: 'Se reconnecter (nouvel onglet)',
      conflict: `Ce formulaire a déjà été envoyé avec d’autres données. Ouvrez un nouveau formulaire pour introduire une autre demande.`,
      tooLarge: 'La demande est trop volumineuse pour être envoyée. Répartissez-la en plusieurs demandes.',
      unavailable: `Le service est momentanément occupé${NBSP}; rien n’est perdu. Renvoyez la demande dans quelques instants.`,
      offline: `La demande n’a pas pu être envoyée (pas de connexion). Renvoyez-la${NBSP}: elle ne sera introduite qu’une fois.`,
      failed: (status) => `L’envoi a échoué (erreur ${status}). Renvoyez la demande${NBSP}: elle ne sera introduite qu’une fois.`,
    },
  },
  de: {
    title: 'Neuer Antrag',
    intro: 'Füllen Sie die Angaben des Standardformulars aus. Jedes Feld wird nach denselben Regeln wie in der API geprüft, bevor etwas gesendet wird.',
    requiredHint: 'Alle Felder sind Pflichtfelder, sofern nicht anders angegeben.',
    sections: {
      request: 'Der Antrag',
      client: 'Der Kunde',
      requester: 'Der Antragsteller',
      contracts: 'Verträge',
      grantees: 'Personen, die Zugang erhalten',
      signature: 'Unterzeichnung',
    },
    places: {
      request: 'Antrag',
      client: 'Kunde',
      company: 'Unternehmen',
      legalRepresentative: 'Gesetzlicher Vertreter',
      requester: 'Antragsteller',
      contract: (position) => `Vertrag ${position}`,
      grantee: (position) => `Person ${position}`,
    },
    fields: {
      clientRef: 'Kundenreferenz',
      language: 'Sprache des Formulars und der E-Mails',
      requestDate: 'Datum des Antrags',
      clientType: 'Art des Kunden',
      lastName: 'Name',
      firstName: 'Vorname',
      birthDate: 'Geburtsdatum',
      address: 'Anschrift',
      street: 'Straße und Hausnummer',
      postalCode: 'Postleitzahl',
      city: 'Ort',
      country: 'Land',
      email: 'E-Mail-Adresse',
      identity: 'Identität',
      companyName: 'Name des Unternehmens',
      enterpriseNumber: 'Unternehmensnummer',
      requesterIs: 'Wer beantragt den Zugang?',
      ref: 'Vertragsnummer',
      label: 'Beschreibung',
      relation: 'Eigenschaft',
      granteeContracts: 'Verträge, die diese Person einsehen darf',
      signatureMethods: 'Zugelassene Unterschriften',
      contracts: 'Verträge',
      grantees: 'Personen, die Zugang erhalten',
    },
    hints: {
      clientRef: 'Ihre Referenz des Kunden in Ihrer Verwaltungssoftware, z. B. C-1001.',
      requestDate: 'Der Tag, an dem der Kunde den Zugang beantragt hat; nicht in der Zukunft.',
      language: 'Der Kunde erhält das Formular und die E-Mails in dieser Sprache.',
      clientEmail: 'Der Kunde unterzeichnet den Antrag über einen Link an diese Adresse.',
      enterpriseNumber: 'Zehn Ziffern, z. B. 0123.456.749.',
      legalRepresentativeEmail: 'Der gesetzliche Vertreter genehmigt den Antrag, indem er ihn unterzeichnet (R6).',
      naturalRequester: 'Bei einer natürlichen Person beantragt der Kunde (der Versicherungsnehmer) den Zugang selbst und unterzeichnet den Antrag (R1).',
      contracts: 'Die Verträge des Kunden, die auf das Formular kommen. Lassen Sie diese Liste leer, wenn nur der Kunde oder der gesetzliche Vertreter Zugang erhält: Sie sehen alle Verträge.',
      granteeEmail: 'Diese Person aktiviert den Zugang über einen Link an diese Adresse (R7).',
      noContractsYet: 'Geben Sie zuerst oben die Verträge ein.',
      insured: 'Eine versicherte Person sieht genau den einen Vertrag, auf dem sie versichert ist (R4.2).',
    },
    clientTypes: { natural: 'Eine natürliche Person', legal: 'Ein Unternehmen (juristische Person)' },
    requesterChoices: { legalRepresentative: 'Der gesetzliche Vertreter selbst', other: 'Eine andere Person im Namen des Unternehmens' },
    relations: {
      policyholder: 'Der Kunde selbst (Versicherungsnehmer)',
      insured: 'Eine versicherte Person',
      other: 'Eine andere Person (Bevollmächtigter)',
      legalRepresentative: 'Der gesetzliche Vertreter',
    },
    namedElsewhere: {
      policyholder: 'Identität, Anschrift und E-Mail-Adresse: die des Kunden oben.',
      legalRepresentative: 'Identität, Anschrift und E-Mail-Adresse: die des gesetzlichen Vertreters oben.',
    },
    allContracts: 'Zugang zu allen bestehenden und künftigen Verträgen des Kunden.',
    signatureMethods: {
      advanced: 'Fortgeschrittene elektronische Signatur (Signaturdienst)',
      eid: 'Belgische eID',
      handwritten: 'Handschriftliche Unterschrift auf dem ausgedruckten Formular (Scan)',
    },
    languageNames: { nl: 'Niederländisch', fr: 'Französisch', de: 'Deutsch', en: 'Englisch' },
    buttons: {
      send: 'Antrag senden',
      addContract: 'Vertrag hinzufügen',
      removeContract: (position) => `Vertrag ${position} entfernen`,
      addGrantee: 'Person hinzufügen',
      removeGrantee: (position) => `Person ${position} entfernen`,
      refresh: 'Formular aktualisieren',
      refreshHint: 'Zeigt die Felder, die zu Ihrer Auswahl gehören.',
    },
    summary: (count) => (count === 1 ? 'Der Antrag hat 1 Problem' : `Der Antrag hat ${count} Probleme`),
    summaryItem: (place, message) => `${place}: ${message}`,
    issues: {
      required: 'Füllen Sie dieses Feld aus.',
      invalidDate: 'Geben Sie ein gültiges Datum ein.',
      email: 'Geben Sie eine E-Mail-Adresse wie name@beispiel.be ein (nur ASCII-Zeichen).',
      reference: 'Verwenden Sie 1 bis 64 Buchstaben (A–Z), Ziffern und . _ - /, beginnend mit einem Buchstaben oder einer Ziffer.',
      unsafeCharacter: (character) => `Enthält ein unsichtbares oder Steuerzeichen (${character}); geben Sie den Text neu ein.`,
      tooLong: (max) => `Höchstens ${max} Zeichen.`,
      tooShort: (min) => `Mindestens ${min} Zeichen.`,
      tooManyEntries: (max) => `Höchstens ${max} Einträge.`,
      invalidChoice: 'Wählen Sie eine der Möglichkeiten.',
      requestDateInFuture: 'Das Datum des Antrags liegt in der Zukunft.',
      birthDateInFuture: 'Das Geburtsdatum liegt in der Zukunft.',
      birthDateTooEarly: (earliest) => `Das Geburtsdatum liegt vor dem ${earliest}.`,
      enterpriseNumber: 'Das ist keine gültige Unternehmensnummer (zehn Ziffern wie 0123.456.749, mit stimmenden Prüfziffern).',
      requesterIsPolicyholder: 'Der Antragsteller muss der Versicherungsnehmer sein: gleicher Name, Vorname und gleiches Geburtsdatum wie der Kunde (R1).',
      relationNotAllowed: 'Diese Eigenschaft passt nicht zu dieser Art von Kunde (R4).',
      mustBeClient: 'Diese Person muss der Kunde selbst sein: gleicher Name, Vorname und gleiches Geburtsdatum (R4.1).',
      mustBeLegalRepresentative: 'Diese Person muss der gesetzliche Vertreter sein: gleicher Name, Vorname und gleiches Geburtsdatum (R4.4).',
      allContractsOnly: 'Diese Person sieht alle bestehenden und künftigen Verträge; wählen Sie keinen aus.',
      exactlyOneContract: (given) => `Eine versicherte Person sieht genau den einen Vertrag, auf dem sie versichert ist; ${given} ausgewählt (R4.2).`,
      atLeastOneContract: 'Diese Person sieht nur die ausgewählten Verträge: Wählen Sie mindestens einen aus.',
      contractTwice: (ref) => `Der Vertrag „${ref}“ steht zweimal darin.`,
      contractUnknown: (ref) => `Der Vertrag „${ref}“ steht nicht unter den Verträgen des Antrags.`,
      granteeRepeats: (position) => `Diese Person ist dieselbe wie Person ${position} (dieselbe Person oder dieselbe E-Mail-Adresse); nennen Sie jede Person nur einmal (R5).`,
      methodTwice: 'Eine Unterschriftsart steht zweimal darin.',
      atLeastOneMethod: 'Wählen Sie mindestens eine Art der Unterzeichnung (R3).',
      atLeastOneGrantee: 'Fügen Sie mindestens eine Person hinzu, die Zugang erhält.',
      tooManyGrantees: (max) => `Höchstens ${max} Personen pro Antrag: Stellen Sie mehrere Anträge.`,
      moreIssues: (count) => `und ${count} weitere Probleme, die nicht angezeigt werden.`,
    },
    answers: {
      sending: 'Der Antrag wird gesendet…',
      filedTitle: 'Der Antrag wurde eingereicht',
      filed: (clientRef) => `Der Antrag für den Kunden ${clientRef} wurde eingereicht; der Kunde erhält gleich den Link zum Unterzeichnen.`,
      openRequest: 'Antrag öffnen',
      fileAnother: 'Einen weiteren Antrag ausfüllen',
      sessionEnded: 'Sie sind nicht mehr angemeldet, daher wurde nichts gesendet. Melden Sie sich in einem anderen Tab erneut an und senden Sie den Antrag dann noch einmal.',
      formExpired: 'Dieses Formular gehört zu einer früheren Sitzung, daher wurde nichts gesendet. Öffnen Sie die Seite erneut und füllen Sie das Formular noch einmal aus.',
      signInAgain: 'Erneut anmelden (neuer Tab)',
      conflict: 'Dieses Formular wurde bereits mit anderen Angaben gesendet. Öffnen Sie ein neues Formular, um einen anderen Antrag einzureichen.',
      tooLarge: 'Der Antrag ist zu groß zum Senden. Teilen Sie ihn auf mehrere Anträge auf.',
      unavailable: 'Der Dienst ist gerade ausgelastet; nichts ist verloren. Senden Sie den Antrag in einigen Augenblicken erneut.',
      offline: 'Der Antrag konnte nicht gesendet werden (keine Verbindung). Senden Sie ihn erneut: Er wird nur einmal eingereicht.',
      failed: (status) => `Das Senden ist fehlgeschlagen (Fehler ${status}). Senden Sie den Antrag erneut: Er wird nur einmal eingereicht.`,
    },
  },
  en: {
    title: 'New request',
    intro: 'Fill in the standard form. Each field is checked against the same rules as the API before anything is sent.',
    requiredHint: 'Every field is required unless it says otherwise.',
    sections: {
      request: 'The request',
      client: 'The client',
      requester: 'The requester',
      contracts: 'Contracts',
      grantees: 'Persons who will have access',
      signature: 'Signature',
    },
    places: {
      request: 'Request',
      client: 'Client',
      company: 'Company',
      legalRepresentative: 'Legal representative',
      requester: 'Requester',
      contract: (position) => `Contract ${position}`,
      grantee: (position) => `Person ${position}`,
    },
    fields: {
      clientRef: 'Client reference',
      language: 'Language of the form and e-mails',
      requestDate: 'Date of the request',
      clientType: 'Type of client',
      lastName: 'Surname',
      firstName: 'First name',
      birthDate: 'Date of birth',
      address: 'Address',
      street: 'Street and number',
      postalCode: 'Postal code',
      city: 'City',
      country: 'Country',
      email: 'E-mail address',
      identity: 'Identity',
      companyName: 'Company name',
      enterpriseNumber: 'Enterprise number',
      requesterIs: 'Who asks for the access?',
      ref: 'Contract number',
      label: 'Description',
      relation: 'Capacity',
      granteeContracts: 'Contracts this person may consult',
      signatureMethods: 'Accepted signatures',
      contracts: 'Contracts',
      grantees: 'Persons who will have access',
    },
    hints: {
      clientRef: 'Your reference of the client in your management package, e.g. C-1001.',
      requestDate: 'The day the client asked for the access; not in the future.',
      language: 'The client receives the form and the e-mails in this language.',
      clientEmail: 'The client signs the request from a link sent to this address.',
      enterpriseNumber: 'Ten digits, e.g. 0123.456.749.',
      legalRepresentativeEmail: 'The legal representative approves the request by signing it (R6).',
      naturalRequester: 'For a natural person, the client (the policyholder) asks for the access himself and signs the request (R1).',
      contracts: "The client's contracts that go on the form. Leave this list empty when only the client or the legal representative gets access: they see every contract.",
      granteeEmail: 'This person activates the access from a link sent to this address (R7).',
      noContractsYet: 'Fill in the contracts above first.',
      insured: 'An insured person sees exactly the one contract he is insured on (R4.2).',
    },
    clientTypes: { natural: 'A natural person', legal: 'A company (legal person)' },
    requesterChoices: { legalRepresentative: 'The legal representative himself', other: 'Another person, acting for the company' },
    relations: {
      policyholder: 'The client himself (policyholder)',
      insured: 'An insured person',
      other: 'Another person (mandated)',
      legalRepresentative: 'The legal representative',
    },
    namedElsewhere: {
      policyholder: "Identity, address and e-mail address: the client's, above.",
      legalRepresentative: "Identity, address and e-mail address: the legal representative's, above.",
    },
    allContracts: "Access to all the client's contracts, current and future.",
    signatureMethods: {
      advanced: 'Advanced electronic signature (signing service)',
      eid: 'Belgian eID',
      handwritten: 'Handwritten signature on the printed form (scan)',
    },
    languageNames: { nl: 'Dutch', fr: 'French', de: 'German', en: 'English' },
    buttons: {
      send: 'Send the request',
      addContract: 'Add a contract',
      removeContract: (position) => `Remove contract ${position}`,
      addGrantee: 'Add a person',
      removeGrantee: (position) => `Remove person ${position}`,
      refresh: 'Update the form',
      refreshHint: 'Shows the fields that go with your choice.',
    },
    summary: (count) => (count === 1 ? 'There is 1 problem with the request' : `There are ${count} problems with the request`),
    summaryItem: (place, message) => `${place}: ${message}`,
    issues: {
      required: 'Fill in this field.',
      invalidDate: 'Enter a valid date.',
      email: 'Enter an e-mail address such as name@example.be (ASCII characters only).',
      reference: 'Use 1 to 64 letters (A–Z), digits and . _ - /, starting with a letter or digit.',
      unsafeCharacter: (character) => `Contains an invisible or control character (${character}); type the text again.`,
      tooLong: (max) => `At most ${max} characters.`,
      tooShort: (min) => `At least ${min} characters.`,
      tooManyEntries: (max) => `At most ${max} entries.`,
      invalidChoice: 'Choose one of the options.',
      requestDateInFuture: 'The date of the request is in the future.',
      birthDateInFuture: 'The date of birth is in the future.',
      birthDateTooEarly: (earliest) => `The date of birth is before ${earliest}.`,
      enterpriseNumber: 'This is not a valid enterprise number (ten digits such as 0123.456.749, whose check digits hold).',
      requesterIsPolicyholder: 'The requester must be the policyholder: same surname, first name and date of birth as the client (R1).',
      relationNotAllowed: 'This capacity does not fit this type of client (R4).',
      mustBeClient: 'This person must be the client himself: same surname, first name and date of birth (R4.1).',
      mustBeLegalRepresentative: 'This person must be the legal representative: same surname, first name and date of birth (R4.4).',
      allContractsOnly: 'This person sees every contract, current and future; choose none.',
      exactlyOneContract: (given) => `An insured person sees exactly the one contract he is insured on; ${given} chosen (R4.2).`,
      atLeastOneContract: 'This person sees only the contracts chosen: choose at least one.',
      contractTwice: (ref) => `Contract "${ref}" is listed twice.`,
      contractUnknown: (ref) => `Contract "${ref}" is not among the request's contracts.`,
      granteeRepeats: (position) => `This person is the same as person ${position} (same person or same e-mail address); list each person once (R5).`,
      methodTwice: 'A signature is listed twice.',
      atLeastOneMethod: 'Choose at least one way to sign (R3).',
      atLeastOneGrantee: 'Add at least one person who will have access.',
      tooManyGrantees: (max) => `At most ${max} persons per request: file several requests.`,
      moreIssues: (count) => `and ${count} more problems not shown.`,
    },
    answers: {
      sending: 'Sending the request…',
      filedTitle: 'The request was filed',
      filed: (clientRef) => `The request for client ${clientRef} was filed; the client will shortly receive the link to sign.`,
      openRequest: 'Open the request',
      fileAnother: 'Fill in another request',
      sessionEnded: 'You are no longer signed in, so nothing was sent. Sign in again in another tab, then send the request again.',
      formExpired: 'This form belongs to an earlier session, so nothing was sent. Open the page again and fill in the form again.',
      signInAgain: 'Sign in again (new tab)',
      conflict: 'This form was already sent with other details. Open a new form to file another request.',
      tooLarge: 'The request is too large to send. Split it into several requests.',
      unavailable: 'The service is busy for a moment; nothing was lost. Send the request again in a few moments.',
      offline: 'The request could not be sent (no connection). Send it again: it is filed only once.',
      failed: (status) => `Sending failed (error ${status}). Send the request again: it is filed only once.`,
    },
  },
};

/** The new-request form's words in `language`. */
export function newRequestTexts(language: Language): NewRequestTexts {
  return TEXTS[language];
}

/**
 * Why a request was not filed, for an answer other than a validation 400 (api-contract.md):
 * 401 and 403 (the session or the form's token), 409 (the form's Idempotency-Key used with other
 * details), 413, 503, and anything else with its status. A 400 is shown field by field instead.
 */
export function failureText(status: number, texts: NewRequestTexts): string {
  const answers = texts.answers;
  switch (status) {
    case 401:
      return answers.sessionEnded;
    case 403:
      return answers.formExpired;
    case 409:
      return answers.conflict;
    case 413:
      return answers.tooLarge;
    case 429:
    case 503:
      return answers.unavailable;
    default:
      return answers.failed(status);
  }
}
