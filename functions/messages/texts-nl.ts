/** Dutch (Belgian usage: "opladen", "inkijken", "makelaar"), formal "u". */
import type { MessageTexts } from './message-texts.js';

export const NL_TEXTS: MessageTexts = {
  colon: ': ',
  mail: {
    greeting: (name) => `Beste ${name},`,
    signOff: 'Met vriendelijke groeten,',
    buttonFallback: 'Werkt de knop niet? Kopieer dan dit adres in uw browser:',
    linkIsPersonal: ({ expires }) =>
      `Deze link is persoonlijk en kan maar één keer gebruikt worden. Hij vervalt op ${expires}. Stuur hem niet door.`,
    notExpected: ({ brokerName }) =>
      `Verwachtte u deze e-mail niet? Klik dan niet op de link en neem contact op met ${brokerName}.`,
    signatureInvitation: {
      requesterSubject: ({ brokerName }) =>
        `Onderteken uw aanvraag voor toegang tot het klantenportaal van ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Uw goedkeuring gevraagd voor toegang tot het klantenportaal van ${brokerName} voor ${clientName}`,
      requesterIntro: ({ brokerName, clientName, grantees }) =>
        `${brokerName} heeft uw aanvraag voor toegang tot het klantenportaal voor ${clientName} voorbereid. De toegang wordt gevraagd voor: ${grantees}.`,
      legalRepresentativeIntro: ({ requesterName, brokerName, clientName, grantees }) =>
        `${requesterName} heeft bij ${brokerName} toegang tot het klantenportaal gevraagd voor ${clientName}. De toegang wordt gevraagd voor: ${grantees}.`,
      requesterAction: ({ expires }) =>
        `Lees en onderteken het aanvraagformulier om de aanvraag te bevestigen, uiterlijk op ${expires}. Zonder uw handtekening wordt er geen toegang verleend.`,
      legalRepresentativeAction: ({ clientName, expires }) =>
        `Als wettelijke vertegenwoordiger van ${clientName} keurt u deze aanvraag goed door het aanvraagformulier te ondertekenen, uiterlijk op ${expires}. Zonder uw handtekening wordt er geen toegang verleend.`,
      button: 'Formulier bekijken en ondertekenen',
    },
    signatureReminder: {
      requesterSubject: ({ brokerName }) =>
        `Herinnering: onderteken uw aanvraag voor toegang tot het klantenportaal van ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Herinnering: uw goedkeuring gevraagd voor toegang tot het klantenportaal van ${brokerName} voor ${clientName}`,
      notYetSigned: 'We hebben uw handtekening nog niet ontvangen.',
      lastReminder: ({ expires }) => `Dit is de laatste herinnering: na ${expires} vervalt de aanvraag.`,
    },
    scanRejected: {
      subject: ({ brokerName }) => `${brokerName} heeft uw scan van het aanvraagformulier niet aanvaard`,
      intro: ({ brokerName }) =>
        `${brokerName} kon de scan van het ondertekende aanvraagformulier die u hebt opgeladen niet aanvaarden.`,
      reasonLabel: 'Reden:',
      action: ({ expires }) =>
        `Wilt u het formulier opnieuw afdrukken, met de hand ondertekenen en een nieuwe scan opladen? Dat kan tot ${expires}.`,
      button: 'Nieuwe scan opladen',
    },
    activationInvitation: {
      subject: ({ brokerName }) => `Uw toegang tot het klantenportaal van ${brokerName} staat klaar`,
      intro: ({ brokerName, clientName }) =>
        `Uw toegang tot het klantenportaal van ${brokerName} voor ${clientName} staat klaar.`,
      action: ({ expires }) =>
        `Activeer uw toegang via de link hieronder, uiterlijk op ${expires}. Zolang u niet activeert, is er niets zichtbaar.`,
      button: 'Toegang activeren',
    },
    activationReminder: {
      subject: ({ brokerName }) => `Herinnering: activeer uw toegang tot het klantenportaal van ${brokerName}`,
      notYetActivated: ({ brokerName, clientName }) =>
        `U hebt uw toegang tot het klantenportaal van ${brokerName} voor ${clientName} nog niet geactiveerd.`,
      lastReminder: ({ expires }) => `Dit is de laatste herinnering: na ${expires} werkt deze link niet meer.`,
    },
  },
  page: {
    greeting: (name) => `Beste ${name},`,
    relation: {
      policyholder: 'verzekeringnemer',
      insured: 'verzekerde',
      other: 'gevolmachtigde',
      legalRepresentative: 'wettelijke vertegenwoordiger',
    },
    scopeAll: 'inzage in alle huidige en toekomstige contracten',
    scopeContracts: 'inzage in deze contracten:',
    signing: {
      title: 'Aanvraag voor toegang tot het klantenportaal ondertekenen',
      requesterIntro: ({ brokerName, clientName }) =>
        `${brokerName} vraagt u om uw aanvraag voor toegang tot het klantenportaal voor ${clientName} te ondertekenen. Zonder uw handtekening wordt er geen toegang verleend.`,
      legalRepresentativeIntro: ({ brokerName, clientName }) =>
        `Als wettelijke vertegenwoordiger van ${clientName} keurt u deze aanvraag voor toegang tot het klantenportaal van ${brokerName} goed door het formulier te ondertekenen. Zonder uw handtekening wordt er geen toegang verleend.`,
      requestedHeading: 'Wat wordt er gevraagd?',
      formHeading: 'Het aanvraagformulier',
      formText: 'Lees het formulier aandachtig voor u het ondertekent.',
      formLink: 'Het formulier lezen (PDF)',
      deadline: ({ expires }) => `U kunt ondertekenen tot ${expires}.`,
      signHeading: 'Ondertekenen',
      signIntro: 'Een klik of een getypte naam geldt niet als handtekening. Kies een van deze manieren:',
      noMethod: ({ brokerName }) =>
        `Deze aanvraag kan niet online ondertekend worden. Neem contact op met ${brokerName}.`,
      advanced: {
        heading: 'Elektronisch ondertekenen',
        text: 'U wordt doorgestuurd naar een beveiligde ondertekeningsdienst, waar u het formulier online ondertekent. Zodra u hebt ondertekend, komt u terug op deze pagina.',
        button: 'Naar de ondertekeningsdienst',
      },
      eid: {
        heading: 'Ondertekenen met uw eID',
        text: 'Bewaar het formulier (PDF) op uw computer. Onderteken het met uw Belgische eID-kaart in een kaartlezer, met uw eID-ondertekeningssoftware. Laad daarna de ondertekende PDF hieronder op.',
        fileLabel: 'Met uw eID ondertekende PDF',
        button: 'Ondertekende PDF opladen',
      },
      handwritten: {
        heading: 'Met de hand ondertekenen',
        steps: [
          'Open het formulier en druk het af.',
          'Onderteken het met de hand.',
          'Scan alle pagina’s in één PDF, of neem een duidelijke foto van een formulier van één pagina (JPEG of PNG).',
          'Laad het bestand hieronder op.',
        ],
        fileLabel: 'Scan van het ondertekende formulier',
        button: 'Scan opladen',
        review: ({ brokerName }) => `${brokerName} kijkt de scan na voor de toegang wordt verleend.`,
      },
      noScript: ({ brokerName }) =>
        `Om een bestand op te laden of de aanvraag te weigeren, moet JavaScript aanstaan in uw browser. Lukt dat niet? Stuur het ondertekende formulier dan per e-mail naar ${brokerName}.`,
      acceptedFiles: ({ types, maxMb }) => `Toegelaten types: ${types}. Maximaal ${maxMb} MB.`,
      noFileChosen: 'Kies eerst een bestand.',
      sending: 'Bezig met verzenden…',
      sendFailed: ({ brokerName }) =>
        `Het verzenden is mislukt. Probeer het opnieuw of neem contact op met ${brokerName}.`,
      connectionFailed: 'De verbinding is mislukt. Controleer uw internetverbinding en probeer het opnieuw.',
      uploadProgress: 'Voortgang van het opladen',
      checking: 'Het bestand wordt gecontroleerd…',
      wrongType: 'Dit type bestand wordt niet aanvaard.',
      tooLarge: ({ maxMb }) => `Dit bestand is te groot: maximaal ${maxMb} MB.`,
      emptyFile: 'Dit bestand is leeg. Kies het bestand van het ondertekende formulier.',
      tooManyUploads: ({ brokerName }) => `Met deze link werden te veel bestanden verzonden. Neem contact op met ${brokerName}.`,
      decline: {
        heading: 'Aanvraag weigeren',
        text: 'Wilt u deze aanvraag niet ondertekenen? Dan kunt u ze weigeren. Er wordt dan geen toegang verleend.',
        reasonLabel: 'Reden van de weigering',
        reasonHint: ({ maxLength }) => `Verplicht. Maximaal ${maxLength} tekens.`,
        noReason: 'Geef aan waarom u de aanvraag weigert.',
        reasonRefused: 'Deze reden kan niet worden verzonden: ze bevat tekens die niet zijn toegestaan. Schrijf ze opnieuw als gewone tekst.',
        button: 'Aanvraag weigeren',
      },
    },
    signatureReceived: {
      title: 'Bedankt, uw handtekening is ontvangen',
      handwritten: ({ brokerName }) =>
        `${brokerName} kijkt uw scan na. Als er nog iets nodig is, krijgt u een e-mail.`,
      electronic: ({ brokerName }) =>
        `U hoeft verder niets te doen. ${brokerName} houdt u op de hoogte.`,
    },
    activation: {
      title: 'Uw toegang tot het klantenportaal activeren',
      intro: ({ brokerName, clientName }) =>
        `Uw toegang tot het klantenportaal van ${brokerName} voor ${clientName} staat klaar.`,
      deadline: ({ expires }) => `U kunt uw toegang activeren tot ${expires}.`,
      scopeHeading: 'Wat u kunt inkijken',
      scopeAll: ({ clientName }) => `Alle huidige en toekomstige contracten van ${clientName}.`,
      action: 'Zolang u niet activeert, is er niets zichtbaar.',
      button: 'Toegang activeren',
      notYou: ({ brokerName }) =>
        `Is deze toegang niet voor u bedoeld? Activeer dan niet en neem contact op met ${brokerName}.`,
    },
    activationDone: {
      title: 'Uw toegang is geactiveerd',
      text: ({ brokerName, clientName }) =>
        `U kunt nu in het klantenportaal van ${brokerName} de gegevens van ${clientName} inkijken.`,
      signIn: 'Meld u in het klantenportaal aan met het e-mailadres waarop u deze link ontving.',
      portalLink: 'Naar het klantenportaal',
    },
    linkUnusable: {
      title: 'Deze link kan niet gebruikt worden',
      reasons: {
        used: 'Deze link werd al gebruikt. Elke link kan maar één keer gebruikt worden.',
        expired: 'Deze link is vervallen.',
        closed: 'Deze aanvraag is afgesloten: ze werd geannuleerd, geweigerd of is beëindigd.',
        unknown: 'Deze link is ongeldig. Controleer of u het volledige adres uit de e-mail gebruikt.',
      },
      nothingChanged: 'Er werd niets gewijzigd.',
      nextStep: {
        used: 'Hebt u al ondertekend of uw toegang al geactiveerd? Dan hoeft u niets meer te doen. Anders neemt u contact op met uw makelaar.',
        expired: 'Wilt u deze toegang nog? Vraag uw makelaar dan om een nieuwe aanvraag.',
        closed: 'U hoeft hier niets meer te doen. Hebt u vragen? Neem dan contact op met uw makelaar.',
        unknown: 'Open de link opnieuw vanuit de e-mail, of neem contact op met uw makelaar.',
      },
    },
    signatureRefused: {
      title: 'Uw ondertekend formulier kon niet worden aanvaard',
      reasons: {
        not_pdf: 'Het bestand is geen PDF-document.',
        unsigned: 'De PDF draagt geen elektronische handtekening. Onderteken hem met uw eID in uw ondertekensoftware en laad hem opnieuw op.',
        broken: 'De elektronische handtekening in de PDF is beschadigd en kan niet worden gecontroleerd.',
        modified: 'Het document werd gewijzigd nadat het werd ondertekend.',
        other_document: 'Dit is niet het formulier van deze aanvraag. Download het formulier op deze pagina, onderteken het en laad het opnieuw op.',
        other_signer: 'De handtekening is niet de uwe: het formulier moet worden ondertekend door de persoon die erop vermeld staat.',
        untrusted: 'De handtekening werd niet gezet met een erkend certificaat (Belgische eID of een goedgekeurde ondertekendienst).',
        not_valid_at_signing: 'Het certificaat waarmee werd ondertekend, was niet geldig op het moment van ondertekenen.',
        active_content: 'De PDF bevat actieve inhoud (scripts, acties of bijgevoegde bestanden), wat niet is toegestaan.',
      },
      tryAgain: 'Er werd niets geregistreerd. U kunt dezelfde link gebruiken om het opnieuw te proberen.',
    },
    declined: {
      title: 'U hebt de aanvraag geweigerd',
      text: 'Uw weigering is geregistreerd. Er wordt geen toegang verleend.',
      brokerInformed: ({ brokerName }) => `${brokerName} wordt op de hoogte gebracht.`,
      changeOfMind: ({ brokerName }) => `Per vergissing geweigerd? Neem contact op met ${brokerName}: er is dan een nieuwe aanvraag nodig.`,
    },
  },
};
