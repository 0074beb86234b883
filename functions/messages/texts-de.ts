/**
 * German (as written in the German-speaking Community of Belgium), formal "Sie". After the
 * comma of a salutation the next sentence starts in lower case, unless it starts with a
 * name, a noun or "Sie"/"Ihr": the texts that follow a greeting are written for that.
 */
import type { MessageTexts } from './message-texts.js';

export const DE_TEXTS: MessageTexts = {
  colon: ': ',
  mail: {
    greeting: (name) => `Guten Tag ${name},`,
    signOff: 'Mit freundlichen Grüßen',
    buttonFallback: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:',
    linkIsPersonal: ({ expires }) =>
      `Dieser Link ist persönlich und kann nur einmal verwendet werden. Er ist gültig bis zum ${expires}. Bitte leiten Sie ihn nicht weiter.`,
    notExpected: ({ brokerName }) =>
      `Sie haben diese E-Mail nicht erwartet? Dann verwenden Sie den Link bitte nicht und wenden Sie sich an ${brokerName}.`,
    signatureInvitation: {
      requesterSubject: ({ brokerName }) =>
        `Bitte unterschreiben Sie Ihren Antrag auf Zugang zum Kundenportal von ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Bitte genehmigen Sie den Zugang zum Kundenportal von ${brokerName} für ${clientName}`,
      requesterIntro: ({ brokerName, clientName, grantees }) =>
        `${brokerName} hat Ihren Antrag auf Zugang zum Kundenportal für ${clientName} vorbereitet. Der Zugang wird beantragt für: ${grantees}.`,
      legalRepresentativeIntro: ({ requesterName, brokerName, clientName, grantees }) =>
        `${requesterName} hat bei ${brokerName} Zugang zum Kundenportal für ${clientName} beantragt. Der Zugang wird beantragt für: ${grantees}.`,
      requesterAction: ({ expires }) =>
        `Bitte lesen und unterschreiben Sie das Antragsformular spätestens am ${expires}, um den Antrag zu bestätigen. Ohne Ihre Unterschrift wird kein Zugang gewährt.`,
      legalRepresentativeAction: ({ clientName, expires }) =>
        `Als gesetzlicher Vertreter von ${clientName} genehmigen Sie diesen Antrag, indem Sie das Antragsformular spätestens am ${expires} unterschreiben. Ohne Ihre Unterschrift wird kein Zugang gewährt.`,
      button: 'Formular ansehen und unterschreiben',
    },
    signatureReminder: {
      requesterSubject: ({ brokerName }) =>
        `Erinnerung: Bitte unterschreiben Sie Ihren Antrag auf Zugang zum Kundenportal von ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Erinnerung: Bitte genehmigen Sie den Zugang zum Kundenportal von ${brokerName} für ${clientName}`,
      notYetSigned: 'wir haben Ihre Unterschrift noch nicht erhalten.',
      lastReminder: ({ expires }) => `Dies ist die letzte Erinnerung: Nach dem ${expires} verfällt der Antrag.`,
    },
    scanRejected: {
      subject: ({ brokerName }) => `${brokerName} hat Ihren Scan des Antragsformulars nicht angenommen`,
      intro: ({ brokerName }) =>
        `${brokerName} konnte den von Ihnen hochgeladenen Scan des unterschriebenen Antragsformulars nicht annehmen.`,
      reasonLabel: 'Grund:',
      action: ({ expires }) =>
        `Bitte drucken Sie das Formular erneut aus, unterschreiben Sie es von Hand und laden Sie spätestens am ${expires} einen neuen Scan hoch.`,
      button: 'Neuen Scan hochladen',
    },
    activationInvitation: {
      subject: ({ brokerName }) => `Ihr Zugang zum Kundenportal von ${brokerName} ist bereit`,
      intro: ({ brokerName, clientName }) => `Ihr Zugang zum Kundenportal von ${brokerName} für ${clientName} ist bereit.`,
      action: ({ expires }) =>
        `Bitte aktivieren Sie ihn spätestens am ${expires} über den Link unten. Vor der Aktivierung ist nichts sichtbar.`,
      button: 'Zugang aktivieren',
    },
    activationReminder: {
      subject: ({ brokerName }) => `Erinnerung: Aktivieren Sie Ihren Zugang zum Kundenportal von ${brokerName}`,
      notYetActivated: ({ brokerName, clientName }) =>
        `Sie haben Ihren Zugang zum Kundenportal von ${brokerName} für ${clientName} noch nicht aktiviert.`,
      lastReminder: ({ expires }) =>
        `Dies ist die letzte Erinnerung: Nach dem ${expires} funktioniert dieser Link nicht mehr.`,
    },
  },
  page: {
    greeting: (name) => `Guten Tag ${name},`,
    relation: {
      policyholder: 'Versicherungsnehmer',
      insured: 'versicherte Person',
      other: 'bevollmächtigte Person',
      legalRepresentative: 'gesetzlicher Vertreter',
    },
    scopeAll: 'Einsicht in alle bestehenden und künftigen Verträge',
    scopeContracts: 'Einsicht in diese Verträge:',
    signing: {
      title: 'Antrag auf Zugang zum Kundenportal unterschreiben',
      requesterIntro: ({ brokerName, clientName }) =>
        `${brokerName} bittet Sie, Ihren Antrag auf Zugang zum Kundenportal für ${clientName} zu unterschreiben. Ohne Ihre Unterschrift wird kein Zugang gewährt.`,
      legalRepresentativeIntro: ({ brokerName, clientName }) =>
        `Sie genehmigen als gesetzlicher Vertreter von ${clientName} diesen Antrag auf Zugang zum Kundenportal von ${brokerName}, indem Sie das Formular unterschreiben. Ohne Ihre Unterschrift wird kein Zugang gewährt.`,
      requestedHeading: 'Was wird beantragt?',
      formHeading: 'Das Antragsformular',
      formText: 'Bitte lesen Sie das Formular aufmerksam, bevor Sie es unterschreiben.',
      formLink: 'Formular lesen (PDF)',
      deadline: ({ expires }) => `Sie können bis zum ${expires} unterschreiben.`,
      signHeading: 'Unterschreiben',
      signIntro: 'Ein Klick oder ein getippter Name gilt nicht als Unterschrift. Wählen Sie einen dieser Wege:',
      noMethod: ({ brokerName }) =>
        `Dieser Antrag kann nicht online unterschrieben werden. Bitte wenden Sie sich an ${brokerName}.`,
      advanced: {
        heading: 'Elektronisch unterschreiben',
        text: 'Sie werden zu einem sicheren Signaturdienst weitergeleitet, wo Sie das Formular online unterschreiben. Danach kehren Sie auf diese Seite zurück.',
        button: 'Weiter zum Signaturdienst',
      },
      eid: {
        heading: 'Mit Ihrer eID unterschreiben',
        text: 'Speichern Sie das Formular (PDF) auf Ihrem Computer. Unterschreiben Sie es mit Ihrem belgischen eID-Ausweis in einem Kartenleser, mit Ihrer eID-Signatursoftware. Laden Sie danach die unterschriebene PDF-Datei unten hoch.',
        fileLabel: 'Mit Ihrer eID unterschriebene PDF-Datei',
        button: 'Unterschriebene PDF-Datei hochladen',
      },
      handwritten: {
        heading: 'Von Hand unterschreiben',
        steps: [
          'Öffnen Sie das Formular und drucken Sie es aus.',
          'Unterschreiben Sie es von Hand.',
          'Scannen Sie alle Seiten in eine PDF-Datei, oder machen Sie von einem einseitigen Formular ein gut lesbares Foto (JPEG oder PNG).',
          'Laden Sie die Datei unten hoch.',
        ],
        fileLabel: 'Scan des unterschriebenen Formulars',
        button: 'Scan hochladen',
        review: ({ brokerName }) => `${brokerName} prüft den Scan, bevor der Zugang gewährt wird.`,
      },
      noScript: ({ brokerName }) =>
        `Um eine Datei hochzuladen oder den Antrag abzulehnen, muss JavaScript in Ihrem Browser aktiviert sein. Ist das nicht möglich, senden Sie das unterschriebene Formular bitte per E-Mail an ${brokerName}.`,
      acceptedFiles: ({ types, maxMb }) => `Zulässige Dateitypen: ${types}. Höchstens ${maxMb} MB.`,
      noFileChosen: 'Bitte wählen Sie zuerst eine Datei aus.',
      sending: 'Wird gesendet …',
      sendFailed: ({ brokerName }) =>
        `Das Senden ist fehlgeschlagen. Bitte versuchen Sie es erneut oder wenden Sie sich an ${brokerName}.`,
      connectionFailed: 'Die Verbindung ist fehlgeschlagen. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
      uploadProgress: 'Fortschritt des Hochladens',
      checking: 'Die Datei wird geprüft …',
      wrongType: 'Dieser Dateityp wird nicht angenommen.',
      tooLarge: ({ maxMb }) => `Diese Datei ist zu groß: höchstens ${maxMb} MB.`,
      emptyFile: 'Diese Datei ist leer. Wählen Sie die Datei des unterschriebenen Formulars.',
      tooManyUploads: ({ brokerName }) => `Mit diesem Link wurden zu viele Dateien gesendet. Bitte wenden Sie sich an ${brokerName}.`,
      decline: {
        heading: 'Antrag ablehnen',
        text: 'Sie möchten diesen Antrag nicht unterschreiben? Dann können Sie ihn ablehnen. Es wird dann kein Zugang gewährt.',
        reasonLabel: 'Grund der Ablehnung',
        reasonHint: ({ maxLength }) => `Pflichtfeld. Höchstens ${maxLength} Zeichen.`,
        noReason: 'Bitte geben Sie an, warum Sie den Antrag ablehnen.',
        reasonRefused: 'Dieser Grund kann nicht gesendet werden: Er enthält nicht erlaubte Zeichen. Bitte schreiben Sie ihn erneut als einfachen Text.',
        button: 'Antrag ablehnen',
      },
    },
    signatureReceived: {
      title: 'Vielen Dank, Ihre Unterschrift ist eingegangen',
      handwritten: ({ brokerName }) =>
        `${brokerName} prüft Ihren Scan. Falls noch etwas fehlt, erhalten Sie eine E-Mail.`,
      electronic: ({ brokerName }) => `Sie müssen nichts weiter tun. ${brokerName} hält Sie auf dem Laufenden.`,
    },
    activation: {
      title: 'Zugang zum Kundenportal aktivieren',
      intro: ({ brokerName, clientName }) => `Ihr Zugang zum Kundenportal von ${brokerName} für ${clientName} ist bereit.`,
      deadline: ({ expires }) => `Sie können ihn bis zum ${expires} aktivieren.`,
      scopeHeading: 'Was Sie einsehen können',
      scopeAll: ({ clientName }) => `Alle bestehenden und künftigen Verträge von ${clientName}.`,
      action: 'Vor der Aktivierung ist nichts sichtbar.',
      button: 'Zugang aktivieren',
      notYou: ({ brokerName }) =>
        `Ist dieser Zugang nicht für Sie bestimmt? Dann aktivieren Sie ihn bitte nicht und wenden Sie sich an ${brokerName}.`,
    },
    activationDone: {
      title: 'Ihr Zugang ist aktiviert',
      text: ({ brokerName, clientName }) =>
        `Sie können die Daten von ${clientName} jetzt im Kundenportal von ${brokerName} einsehen.`,
      signIn: 'Melden Sie sich im Kundenportal mit der E-Mail-Adresse an, an die dieser Link gesendet wurde.',
      portalLink: 'Zum Kundenportal',
    },
    linkUnusable: {
      title: 'Dieser Link kann nicht verwendet werden',
      reasons: {
        used: 'Dieser Link wurde bereits verwendet. Jeder Link kann nur einmal verwendet werden.',
        expired: 'Dieser Link ist abgelaufen.',
        closed: 'Dieser Antrag ist abgeschlossen: Er wurde storniert, abgelehnt oder ist beendet.',
        unknown: 'Dieser Link ist ungültig. Bitte prüfen Sie, ob Sie die vollständige Adresse aus der E-Mail verwenden.',
      },
      nothingChanged: 'Es wurde nichts geändert.',
      nextStep: {
        used: 'Wenn Sie bereits unterschrieben oder Ihren Zugang aktiviert haben, müssen Sie nichts mehr tun. Andernfalls wenden Sie sich bitte an Ihren Versicherungsmakler.',
        expired: 'Wenn Sie diesen Zugang weiterhin wünschen, bitten Sie Ihren Versicherungsmakler um einen neuen Antrag.',
        closed: 'Sie müssen hier nichts mehr tun. Bei Fragen wenden Sie sich bitte an Ihren Versicherungsmakler.',
        unknown: 'Öffnen Sie den Link erneut aus der E-Mail oder wenden Sie sich an Ihren Versicherungsmakler.',
      },
    },
    signatureRefused: {
      title: 'Ihr unterschriebenes Formular konnte nicht angenommen werden',
      reasons: {
        not_pdf: 'Die Datei ist kein PDF-Dokument.',
        unsigned: 'Das PDF trägt keine elektronische Unterschrift. Unterschreiben Sie es mit Ihrer eID in Ihrer Signatursoftware und laden Sie es erneut hoch.',
        broken: 'Die elektronische Unterschrift im PDF ist beschädigt und kann nicht geprüft werden.',
        modified: 'Das Dokument wurde nach der Unterschrift geändert.',
        other_document: 'Dies ist nicht das Formular dieses Antrags. Laden Sie das Formular auf dieser Seite herunter, unterschreiben Sie es und laden Sie es erneut hoch.',
        other_signer: 'Die Unterschrift ist nicht Ihre: Das Formular muss von der darin genannten Person unterschrieben werden.',
        untrusted: 'Die Unterschrift wurde nicht mit einem anerkannten Zertifikat (belgische eID oder zugelassener Signaturdienst) geleistet.',
        not_valid_at_signing: 'Das zum Unterschreiben verwendete Zertifikat war zum Zeitpunkt der Unterschrift nicht gültig.',
        active_content: 'Das PDF enthält aktive Inhalte (Skripte, Aktionen oder angehängte Dateien), was nicht erlaubt ist.',
      },
      tryAgain: 'Es wurde nichts registriert. Sie können denselben Link verwenden, um es erneut zu versuchen.',
    },
    declined: {
      title: 'Sie haben den Antrag abgelehnt',
      text: 'Ihre Ablehnung wurde registriert. Es wird kein Zugang gewährt.',
      brokerInformed: ({ brokerName }) => `${brokerName} wird darüber informiert.`,
      changeOfMind: ({ brokerName }) => `Versehentlich abgelehnt? Wenden Sie sich an ${brokerName}: Dann ist ein neuer Antrag nötig.`,
    },
  },
};
