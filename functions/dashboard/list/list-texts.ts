/**
 * The words of the request list (`GET /dashboard`) in the broker's four languages. Dates come
 * already written (functions/messages/format-date.ts, Brussels time); names as the request gives them.
 */
import type { Language } from '../../domain/request-schema.js';
import type { RequestStatus } from '../../domain/request-status.js';

/** A field of the list's filter form, as its query names it. */
export type ListField = 'q' | 'status' | 'clientRef' | 'from' | 'to' | 'expiring' | 'page';

/** Why a filter's value was refused. */
export type ListFieldProblem = 'tooLong' | 'invalidText' | 'invalidReference' | 'unknownStatus' | 'notADate' | 'beforeFrom' | 'notAPage' | 'unknownValue';

export interface ListTexts {
  readonly title: string;
  /** The status as a word, beside its colour (never the colour alone). */
  readonly statuses: Readonly<Record<RequestStatus, string>>;
  readonly allStatuses: string;
  readonly byStatus: string;
  readonly expiringSoon: string;
  readonly expiringSoonHint: (days: number) => string;
  readonly filters: string;
  readonly search: string;
  readonly searchHint: string;
  readonly status: string;
  readonly clientRef: string;
  readonly clientRefHint: string;
  readonly createdFrom: string;
  readonly createdTo: string;
  readonly dateHint: string;
  readonly onlyExpiring: (days: number) => string;
  readonly apply: string;
  readonly clear: string;
  readonly showing: (first: number, last: number, total: number) => string;
  readonly none: string;
  readonly noneAtAll: string;
  readonly caption: (page: number, pages: number) => string;
  readonly captionByDeadline: (page: number, pages: number) => string;
  readonly columns: { readonly client: string; readonly status: string; readonly created: string; readonly waits: string; readonly ends: string };
  readonly clientRefLabel: string;
  readonly erased: string;
  readonly paging: string;
  readonly previous: string;
  readonly next: string;
  readonly pageOf: (page: number, pages: number) => string;
  readonly soonBadge: string;
  readonly overdueBadge: string;
  readonly noDeadline: string;
  /** What waits on whom, and since when (R9). */
  readonly waits: {
    readonly preparing: (since: string) => string;
    readonly processing: (since: string) => string;
    readonly signature: (name: string, since: string) => string;
    readonly signatureReminded: (name: string, reminded: string) => string;
    readonly representative: (name: string, since: string) => string;
    readonly representativeReminded: (name: string, reminded: string) => string;
    readonly review: (since: string) => string;
    readonly activationOne: (name: string, since: string) => string;
    readonly activationOneReminded: (name: string, reminded: string) => string;
    readonly activationSome: (pending: number, total: number, since: string) => string;
    readonly activationSomeReminded: (pending: number, total: number, reminded: string) => string;
    readonly completing: string;
    readonly ended: (at: string) => string;
  };
  readonly invalidTitle: string;
  readonly invalidIntro: string;
  readonly fieldNames: Readonly<Record<ListField, string>>;
  /** What is wrong with a field's value; `max` is the longest value the field takes. */
  readonly problems: Readonly<Record<ListFieldProblem, (max: number) => string>>;
  readonly showAll: string;
}

const TEXTS: Readonly<Record<Language, ListTexts>> = {
  nl: {
    title: 'Aanvragen',
    statuses: {
      SUBMITTED: 'Ingediend',
      AWAITING_SIGNATURE: 'Wacht op handtekening',
      AWAITING_REVIEW: 'Wacht op uw nazicht',
      AWAITING_LEGAL_REPRESENTATIVE: 'Wacht op wettelijk vertegenwoordiger',
      AWAITING_ACTIVATION: 'Wacht op activering',
      COMPLETED: 'Afgerond',
      DECLINED: 'Geweigerd',
      EXPIRED: 'Verlopen',
      CANCELLED: 'Geannuleerd',
      FAILED: 'Mislukt',
    },
    allStatuses: 'Alle',
    byStatus: 'Aanvragen per status',
    expiringSoon: 'Verloopt binnenkort',
    expiringSoonHint: (days) => `Wachttijd eindigt binnen ${days} dagen`,
    filters: 'Aanvragen filteren',
    search: 'Naam van de klant',
    searchHint: 'Een deel van de naam volstaat; hoofdletters en accenten maken niet uit.',
    status: 'Status',
    clientRef: 'Klantreferentie',
    clientRefHint: 'Het begin van de referentie volstaat.',
    createdFrom: 'Aangemaakt vanaf',
    createdTo: 'Aangemaakt tot en met',
    dateHint: 'Datum als JJJJ-MM-DD.',
    onlyExpiring: (days) => `Alleen aanvragen waarvan de wachttijd binnen ${days} dagen eindigt`,
    apply: 'Filteren',
    clear: 'Filters wissen',
    showing: (first, last, total) => `Aanvragen ${first} tot ${last} van ${total}`,
    none: 'Geen enkele aanvraag voldoet aan deze filters.',
    noneAtAll: 'U hebt nog geen aanvragen.',
    caption: (page, pages) => `Aanvragen, nieuwste eerst (pagina ${page} van ${pages})`,
    captionByDeadline: (page, pages) => `Aanvragen, eerst de wachttijd die het eerst eindigt (pagina ${page} van ${pages})`,
    columns: { client: 'Klant', status: 'Status', created: 'Aangemaakt', waits: 'Wacht op', ends: 'Wachttijd eindigt' },
    clientRefLabel: 'Referentie',
    erased: 'Persoonsgegevens gewist',
    paging: 'Pagina’s',
    previous: 'Vorige pagina',
    next: 'Volgende pagina',
    pageOf: (page, pages) => `Pagina ${page} van ${pages}`,
    soonBadge: 'Verloopt binnenkort',
    overdueBadge: 'Termijn verstreken',
    noDeadline: 'Geen termijn',
    waits: {
      preparing: (since) => `Het formulier wordt opgemaakt, sinds ${since}`,
      processing: (since) => `Wordt verwerkt, sinds ${since}`,
      signature: (name, since) => `Wacht op de handtekening van ${name}, sinds ${since}`,
      signatureReminded: (name, reminded) => `Wacht op de handtekening van ${name}; herinnering verstuurd op ${reminded}`,
      representative: (name, since) => `Wacht op de handtekening van ${name} (wettelijk vertegenwoordiger), sinds ${since}`,
      representativeReminded: (name, reminded) => `Wacht op de handtekening van ${name} (wettelijk vertegenwoordiger); herinnering verstuurd op ${reminded}`,
      review: (since) => `Wacht op uw nazicht van de scan, sinds ${since}`,
      activationOne: (name, since) => `Wacht tot ${name} de toegang activeert, sinds ${since}`,
      activationOneReminded: (name, reminded) => `Wacht tot ${name} de toegang activeert; herinnering verstuurd op ${reminded}`,
      activationSome: (pending, total, since) => `Wacht tot ${pending} van de ${total} personen hun toegang activeren, sinds ${since}`,
      activationSomeReminded: (pending, total, reminded) => `Wacht tot ${pending} van de ${total} personen hun toegang activeren; herinnering verstuurd op ${reminded}`,
      completing: 'Alle toegangen zijn geactiveerd; de aanvraag wordt afgerond',
      ended: (at) => `Afgesloten op ${at}`,
    },
    invalidTitle: 'Deze filters kunnen niet worden toegepast',
    invalidIntro: 'Verbeter wat hieronder staat en filter opnieuw:',
    fieldNames: {
      q: 'Naam van de klant',
      status: 'Status',
      clientRef: 'Klantreferentie',
      from: 'Aangemaakt vanaf',
      to: 'Aangemaakt tot en met',
      expiring: 'Verloopt binnenkort',
      page: 'Pagina',
    },
    problems: {
      tooLong: (max) => `Typ hoogstens ${max} tekens.`,
      invalidText: () => 'Deze waarde bevat tekens die hier niet kunnen (zoals onzichtbare tekens of regeleinden).',
      invalidReference: (max) => `Een referentie bestaat uit 1 tot ${max} letters (A–Z), cijfers of de tekens . _ - /, en begint met een letter of cijfer.`,
      unknownStatus: () => 'Kies een status uit de lijst.',
      notADate: () => 'Geef een bestaande datum als JJJJ-MM-DD.',
      beforeFrom: () => 'Deze datum ligt vóór de begindatum.',
      notAPage: () => 'Geef een paginanummer vanaf 1.',
      unknownValue: () => 'Deze waarde is onbekend: vink het vakje aan of laat het leeg.',
    },
    showAll: 'Alle aanvragen tonen',
  },
  fr: {
    title: 'Demandes',
    statuses: {
      SUBMITTED: 'Introduite',
      AWAITING_SIGNATURE: 'En attente de signature',
      AWAITING_REVIEW: 'En attente de votre vérification',
      AWAITING_LEGAL_REPRESENTATIVE: 'En attente du représentant légal',
      AWAITING_ACTIVATION: 'En attente d’activation',
      COMPLETED: 'Terminée',
      DECLINED: 'Refusée',
      EXPIRED: 'Expirée',
      CANCELLED: 'Annulée',
      FAILED: 'Échouée',
    },
    allStatuses: 'Toutes',
    byStatus: 'Demandes par statut',
    expiringSoon: 'Expire bientôt',
    expiringSoonHint: (days) => `L’attente se termine dans les ${days} jours`,
    filters: 'Filtrer les demandes',
    search: 'Nom du client',
    searchHint: 'Une partie du nom suffit ; majuscules et accents ne comptent pas.',
    status: 'Statut',
    clientRef: 'Référence client',
    clientRefHint: 'Le début de la référence suffit.',
    createdFrom: 'Créée à partir du',
    createdTo: 'Créée jusqu’au',
    dateHint: 'Date au format AAAA-MM-JJ.',
    onlyExpiring: (days) => `Seulement les demandes dont l’attente se termine dans les ${days} jours`,
    apply: 'Filtrer',
    clear: 'Effacer les filtres',
    showing: (first, last, total) => `Demandes ${first} à ${last} sur ${total}`,
    none: 'Aucune demande ne correspond à ces filtres.',
    noneAtAll: 'Vous n’avez encore aucune demande.',
    caption: (page, pages) => `Demandes, les plus récentes d’abord (page ${page} sur ${pages})`,
    captionByDeadline: (page, pages) => `Demandes, l’attente qui se termine le plus tôt d’abord (page ${page} sur ${pages})`,
    columns: { client: 'Client', status: 'Statut', created: 'Créée le', waits: 'En attente de', ends: 'Fin de l’attente' },
    clientRefLabel: 'Référence',
    erased: 'Données personnelles effacées',
    paging: 'Pages',
    previous: 'Page précédente',
    next: 'Page suivante',
    pageOf: (page, pages) => `Page ${page} sur ${pages}`,
    soonBadge: 'Expire bientôt',
    overdueBadge: 'Délai dépassé',
    noDeadline: 'Pas de délai',
    waits: {
      preparing: (since) => `Le formulaire est en préparation depuis le ${since}`,
      processing: (since) => `En cours de traitement depuis le ${since}`,
      signature: (name, since) => `Attend la signature de ${name} depuis le ${since}`,
      signatureReminded: (name, reminded) => `Attend la signature de ${name} ; rappel envoyé le ${reminded}`,
      representative: (name, since) => `Attend la signature de ${name} (représentant légal) depuis le ${since}`,
      representativeReminded: (name, reminded) => `Attend la signature de ${name} (représentant légal) ; rappel envoyé le ${reminded}`,
      review: (since) => `Attend votre vérification du scan depuis le ${since}`,
      activationOne: (name, since) => `Attend que ${name} active son accès, depuis le ${since}`,
      activationOneReminded: (name, reminded) => `Attend que ${name} active son accès ; rappel envoyé le ${reminded}`,
      activationSome: (pending, total, since) => `Attend que ${pending} personnes sur ${total} activent leur accès, depuis le ${since}`,
      activationSomeReminded: (pending, total, reminded) => `Attend que ${pending} personnes sur ${total} activent leur accès ; rappel envoyé le ${reminded}`,
      completing: 'Tous les accès sont activés ; la demande est en cours de clôture',
      ended: (at) => `Clôturée le ${at}`,
    },
    invalidTitle: 'Ces filtres ne peuvent pas être appliqués',
    invalidIntro: 'Corrigez ce qui suit et filtrez à nouveau :',
    fieldNames: {
      q: 'Nom du client',
      status: 'Statut',
      clientRef: 'Référence client',
      from: 'Créée à partir du',
      to: 'Créée jusqu’au',
      expiring: 'Expire bientôt',
      page: 'Page',
    },
    problems: {
      tooLong: (max) => `Tapez ${max} caractères au maximum.`,
      invalidText: () => 'Cette valeur contient des caractères qui ne sont pas admis ici (caractères invisibles, retours à la ligne…).',
      invalidReference: (max) => `Une référence compte de 1 à ${max} lettres (A–Z), chiffres ou caractères . _ - /, et commence par une lettre ou un chiffre.`,
      unknownStatus: () => 'Choisissez un statut dans la liste.',
      notADate: () => 'Indiquez une date existante au format AAAA-MM-JJ.',
      beforeFrom: () => 'Cette date précède la date de début.',
      notAPage: () => 'Indiquez un numéro de page à partir de 1.',
      unknownValue: () => 'Cette valeur est inconnue : cochez la case ou laissez-la vide.',
    },
    showAll: 'Afficher toutes les demandes',
  },
  de: {
    title: 'Anträge',
    statuses: {
      SUBMITTED: 'Eingereicht',
      AWAITING_SIGNATURE: 'Wartet auf Unterschrift',
      AWAITING_REVIEW: 'Wartet auf Ihre Prüfung',
      AWAITING_LEGAL_REPRESENTATIVE: 'Wartet auf gesetzlichen Vertreter',
      AWAITING_ACTIVATION: 'Wartet auf Aktivierung',
      COMPLETED: 'Abgeschlossen',
      DECLINED: 'Abgelehnt',
      EXPIRED: 'Abgelaufen',
      CANCELLED: 'Storniert',
      FAILED: 'Fehlgeschlagen',
    },
    allStatuses: 'Alle',
    byStatus: 'Anträge nach Status',
    expiringSoon: 'Läuft bald ab',
    expiringSoonHint: (days) => `Wartezeit endet innerhalb von ${days} Tagen`,
    filters: 'Anträge filtern',
    search: 'Name des Kunden',
    searchHint: 'Ein Teil des Namens genügt; Groß- und Kleinschreibung und Akzente spielen keine Rolle.',
    status: 'Status',
    clientRef: 'Kundenreferenz',
    clientRefHint: 'Der Anfang der Referenz genügt.',
    createdFrom: 'Erstellt ab',
    createdTo: 'Erstellt bis einschließlich',
    dateHint: 'Datum als JJJJ-MM-TT.',
    onlyExpiring: (days) => `Nur Anträge, deren Wartezeit innerhalb von ${days} Tagen endet`,
    apply: 'Filtern',
    clear: 'Filter zurücksetzen',
    showing: (first, last, total) => `Anträge ${first} bis ${last} von ${total}`,
    none: 'Kein Antrag entspricht diesen Filtern.',
    noneAtAll: 'Sie haben noch keine Anträge.',
    caption: (page, pages) => `Anträge, neueste zuerst (Seite ${page} von ${pages})`,
    captionByDeadline: (page, pages) => `Anträge, die zuerst endende Wartezeit zuerst (Seite ${page} von ${pages})`,
    columns: { client: 'Kunde', status: 'Status', created: 'Erstellt am', waits: 'Wartet auf', ends: 'Wartezeit endet' },
    clientRefLabel: 'Referenz',
    erased: 'Personenbezogene Daten gelöscht',
    paging: 'Seiten',
    previous: 'Vorherige Seite',
    next: 'Nächste Seite',
    pageOf: (page, pages) => `Seite ${page} von ${pages}`,
    soonBadge: 'Läuft bald ab',
    overdueBadge: 'Frist überschritten',
    noDeadline: 'Keine Frist',
    waits: {
      preparing: (since) => `Das Formular wird seit dem ${since} erstellt`,
      processing: (since) => `Wird seit dem ${since} bearbeitet`,
      signature: (name, since) => `Wartet seit dem ${since} auf die Unterschrift von ${name}`,
      signatureReminded: (name, reminded) => `Wartet auf die Unterschrift von ${name}; Erinnerung am ${reminded} verschickt`,
      representative: (name, since) => `Wartet seit dem ${since} auf die Unterschrift von ${name} (gesetzlicher Vertreter)`,
      representativeReminded: (name, reminded) => `Wartet auf die Unterschrift von ${name} (gesetzlicher Vertreter); Erinnerung am ${reminded} verschickt`,
      review: (since) => `Wartet seit dem ${since} auf Ihre Prüfung des Scans`,
      activationOne: (name, since) => `Wartet seit dem ${since} darauf, dass ${name} den Zugang aktiviert`,
      activationOneReminded: (name, reminded) => `Wartet darauf, dass ${name} den Zugang aktiviert; Erinnerung am ${reminded} verschickt`,
      activationSome: (pending, total, since) => `Wartet seit dem ${since} darauf, dass ${pending} von ${total} Personen ihren Zugang aktivieren`,
      activationSomeReminded: (pending, total, reminded) => `Wartet darauf, dass ${pending} von ${total} Personen ihren Zugang aktivieren; Erinnerung am ${reminded} verschickt`,
      completing: 'Alle Zugänge sind aktiviert; der Antrag wird abgeschlossen',
      ended: (at) => `Beendet am ${at}`,
    },
    invalidTitle: 'Diese Filter können nicht angewendet werden',
    invalidIntro: 'Bitte korrigieren Sie Folgendes und filtern Sie erneut:',
    fieldNames: {
      q: 'Name des Kunden',
      status: 'Status',
      clientRef: 'Kundenreferenz',
      from: 'Erstellt ab',
      to: 'Erstellt bis einschließlich',
      expiring: 'Läuft bald ab',
      page: 'Seite',
    },
    problems: {
      tooLong: (max) => `Geben Sie höchstens ${max} Zeichen ein.`,
      invalidText: () => 'Dieser Wert enthält Zeichen, die hier nicht zulässig sind (etwa unsichtbare Zeichen oder Zeilenumbrüche).',
      invalidReference: (max) => `Eine Referenz besteht aus 1 bis ${max} Buchstaben (A–Z), Ziffern oder den Zeichen . _ - / und beginnt mit einem Buchstaben oder einer Ziffer.`,
      unknownStatus: () => 'Wählen Sie einen Status aus der Liste.',
      notADate: () => 'Geben Sie ein gültiges Datum als JJJJ-MM-TT an.',
      beforeFrom: () => 'Dieses Datum liegt vor dem Anfangsdatum.',
      notAPage: () => 'Geben Sie eine Seitenzahl ab 1 an.',
      unknownValue: () => 'Dieser Wert ist unbekannt: Kreuzen Sie das Kästchen an oder lassen Sie es leer.',
    },
    showAll: 'Alle Anträge anzeigen',
  },
  en: {
    title: 'Requests',
    statuses: {
      SUBMITTED: 'Submitted',
      AWAITING_SIGNATURE: 'Awaiting signature',
      AWAITING_REVIEW: 'Awaiting your review',
      AWAITING_LEGAL_REPRESENTATIVE: 'Awaiting legal representative',
      AWAITING_ACTIVATION: 'Awaiting activation',
      COMPLETED: 'Completed',
      DECLINED: 'Declined',
      EXPIRED: 'Expired',
      CANCELLED: 'Cancelled',
      FAILED: 'Failed',
    },
    allStatuses: 'All',
    byStatus: 'Requests by status',
    expiringSoon: 'Expiring soon',
    expiringSoonHint: (days) => `Wait ends within ${days} days`,
    filters: 'Filter the requests',
    search: 'Client name',
    searchHint: 'Part of the name is enough; capitals and accents do not matter.',
    status: 'Status',
    clientRef: 'Client reference',
    clientRefHint: 'The start of the reference is enough.',
    createdFrom: 'Created from',
    createdTo: 'Created up to and including',
    dateHint: 'Date as YYYY-MM-DD.',
    onlyExpiring: (days) => `Only requests whose wait ends within ${days} days`,
    apply: 'Filter',
    clear: 'Clear filters',
    showing: (first, last, total) => `Requests ${first} to ${last} of ${total}`,
    none: 'No request matches these filters.',
    noneAtAll: 'You have no requests yet.',
    caption: (page, pages) => `Requests, newest first (page ${page} of ${pages})`,
    captionByDeadline: (page, pages) => `Requests, the wait that ends first at the top (page ${page} of ${pages})`,
    columns: { client: 'Client', status: 'Status', created: 'Created', waits: 'Waiting for', ends: 'Wait ends' },
    clientRefLabel: 'Reference',
    erased: 'Personal data erased',
    paging: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
    soonBadge: 'Expires soon',
    overdueBadge: 'Deadline passed',
    noDeadline: 'No deadline',
    waits: {
      preparing: (since) => `The form is being prepared, since ${since}`,
      processing: (since) => `Being processed, since ${since}`,
      signature: (name, since) => `Waits for the signature of ${name} since ${since}`,
      signatureReminded: (name, reminded) => `Waits for the signature of ${name}; reminder sent on ${reminded}`,
      representative: (name, since) => `Waits for the signature of ${name} (legal representative) since ${since}`,
      representativeReminded: (name, reminded) => `Waits for the signature of ${name} (legal representative); reminder sent on ${reminded}`,
      review: (since) => `Waits for your review of the scan since ${since}`,
      activationOne: (name, since) => `Waits for ${name} to activate the access since ${since}`,
      activationOneReminded: (name, reminded) => `Waits for ${name} to activate the access; reminder sent on ${reminded}`,
      activationSome: (pending, total, since) => `Waits for ${pending} of ${total} people to activate their access since ${since}`,
      activationSomeReminded: (pending, total, reminded) => `Waits for ${pending} of ${total} people to activate their access; reminder sent on ${reminded}`,
      completing: 'Every access is activated; the request is being completed',
      ended: (at) => `Ended on ${at}`,
    },
    invalidTitle: 'These filters cannot be applied',
    invalidIntro: 'Please correct the following and filter again:',
    fieldNames: {
      q: 'Client name',
      status: 'Status',
      clientRef: 'Client reference',
      from: 'Created from',
      to: 'Created up to and including',
      expiring: 'Expiring soon',
      page: 'Page',
    },
    problems: {
      tooLong: (max) => `Type at most ${max} characters.`,
      invalidText: () => 'This value holds characters that are not allowed here (such as invisible characters or line breaks).',
      invalidReference: (max) => `A reference has 1 to ${max} letters (A–Z), digits or the characters . _ - /, and starts with a letter or digit.`,
      unknownStatus: () => 'Choose a status from the list.',
      notADate: () => 'Give a real date as YYYY-MM-DD.',
      beforeFrom: () => 'This date is before the start date.',
      notAPage: () => 'Give a page number from 1.',
      unknownValue: () => 'This value is unknown: tick the box or leave it empty.',
    },
    showAll: 'Show all requests',
  },
};

/** The list's words in `language`. */
export function listTexts(language: Language): ListTexts {
  return TEXTS[language];
}
