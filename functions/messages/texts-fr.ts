/**
 * French (Belgian usage: "Bien à vous", "courtier", "prendre contact"), "vous". A no-break
 * space (`\u00a0`) goes before `?` and `:`, as French typography wants.
 */
import type { MessageTexts } from './message-texts.js';

export const FR_TEXTS: MessageTexts = {
  colon: '\u00a0: ',
  mail: {
    greeting: (name) => `Bonjour ${name},`,
    signOff: 'Bien à vous,',
    buttonFallback: 'Le bouton ne fonctionne pas\u00a0? Copiez cette adresse dans votre navigateur\u00a0:',
    linkIsPersonal: ({ expires }) =>
      `Ce lien est personnel et ne peut être utilisé qu’une seule fois. Il expire le ${expires}. Ne le transférez pas.`,
    notExpected: ({ brokerName }) =>
      `Vous n’attendiez pas cet e-mail\u00a0? N’utilisez pas le lien et prenez contact avec ${brokerName}.`,
    signatureInvitation: {
      requesterSubject: ({ brokerName }) => `Signez votre demande d’accès au portail client de ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Approuvez l’accès au portail client de ${brokerName} pour ${clientName}`,
      requesterIntro: ({ brokerName, clientName, grantees }) =>
        `${brokerName} a préparé votre demande d’accès au portail client pour ${clientName}. L’accès est demandé pour\u00a0: ${grantees}.`,
      legalRepresentativeIntro: ({ requesterName, brokerName, clientName, grantees }) =>
        `${requesterName} a demandé à ${brokerName} un accès au portail client pour ${clientName}. L’accès est demandé pour\u00a0: ${grantees}.`,
      requesterAction: ({ expires }) =>
        `Pour confirmer la demande, veuillez lire et signer le formulaire de demande au plus tard le ${expires}. Sans votre signature, aucun accès ne sera accordé.`,
      legalRepresentativeAction: ({ clientName, expires }) =>
        `En tant que représentant légal de ${clientName}, vous approuvez cette demande en signant le formulaire de demande, au plus tard le ${expires}. Sans votre signature, aucun accès ne sera accordé.`,
      button: 'Consulter et signer le formulaire',
    },
    signatureReminder: {
      requesterSubject: ({ brokerName }) =>
        `Rappel\u00a0: signez votre demande d’accès au portail client de ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Rappel\u00a0: approuvez l’accès au portail client de ${brokerName} pour ${clientName}`,
      notYetSigned: 'Nous n’avons pas encore reçu votre signature.',
      lastReminder: ({ expires }) => `Ceci est le dernier rappel\u00a0: après le ${expires}, la demande expirera.`,
    },
    scanRejected: {
      subject: ({ brokerName }) => `${brokerName} n’a pas accepté le scan de votre formulaire de demande`,
      intro: ({ brokerName }) =>
        `${brokerName} n’a pas pu accepter le scan du formulaire de demande signé que vous avez envoyé.`,
      reasonLabel: 'Motif\u00a0:',
      action: ({ expires }) =>
        `Pourriez-vous imprimer à nouveau le formulaire, le signer à la main et envoyer un nouveau scan\u00a0? Vous pouvez le faire jusqu’au ${expires}.`,
      button: 'Envoyer un nouveau scan',
    },
    activationInvitation: {
      subject: ({ brokerName }) => `Votre accès au portail client de ${brokerName} est prêt`,
      intro: ({ brokerName, clientName }) => `Votre accès au portail client de ${brokerName} pour ${clientName} est prêt.`,
      action: ({ expires }) =>
        `Activez-le via le lien ci-dessous, au plus tard le ${expires}. Rien n’est visible tant que vous ne l’avez pas activé.`,
      button: 'Activer mon accès',
    },
    activationReminder: {
      subject: ({ brokerName }) => `Rappel\u00a0: activez votre accès au portail client de ${brokerName}`,
      notYetActivated: ({ brokerName, clientName }) =>
        `Vous n’avez pas encore activé votre accès au portail client de ${brokerName} pour ${clientName}.`,
      lastReminder: ({ expires }) =>
        `Ceci est le dernier rappel\u00a0: après le ${expires}, ce lien ne fonctionnera plus.`,
    },
  },
  page: {
    greeting: (name) => `Bonjour ${name},`,
    relation: {
      policyholder: 'preneur d’assurance',
      insured: 'assuré',
      other: 'mandataire',
      legalRepresentative: 'représentant légal',
    },
    scopeAll: 'accès à tous les contrats actuels et futurs',
    scopeContracts: 'accès à ces contrats\u00a0:',
    signing: {
      title: 'Signer la demande d’accès au portail client',
      requesterIntro: ({ brokerName, clientName }) =>
        `${brokerName} vous invite à signer votre demande d’accès au portail client pour ${clientName}. Sans votre signature, aucun accès ne sera accordé.`,
      legalRepresentativeIntro: ({ brokerName, clientName }) =>
        `En tant que représentant légal de ${clientName}, vous approuvez cette demande d’accès au portail client de ${brokerName} en signant le formulaire. Sans votre signature, aucun accès ne sera accordé.`,
      requestedHeading: 'Objet de la demande',
      formHeading: 'Le formulaire de demande',
      formText: 'Lisez attentivement le formulaire avant de le signer.',
      formLink: 'Lire le formulaire (PDF)',
      deadline: ({ expires }) => `Vous pouvez signer jusqu’au ${expires}.`,
      signHeading: 'Signer',
      signIntro: 'Un clic ou un nom tapé ne vaut pas signature. Choisissez l’une de ces méthodes\u00a0:',
      noMethod: ({ brokerName }) =>
        `Cette demande ne peut pas être signée en ligne. Veuillez prendre contact avec ${brokerName}.`,
      advanced: {
        heading: 'Signer électroniquement',
        text: 'Vous serez redirigé vers un service de signature sécurisé, où vous signez le formulaire en ligne. Une fois signé, vous revenez sur cette page.',
        button: 'Aller au service de signature',
      },
      eid: {
        heading: 'Signer avec votre eID',
        text: 'Enregistrez le formulaire (PDF) sur votre ordinateur. Signez-le avec votre carte eID belge dans un lecteur de carte, à l’aide de votre logiciel de signature eID. Envoyez ensuite ci-dessous le PDF signé.',
        fileLabel: 'PDF signé avec votre eID',
        button: 'Envoyer le PDF signé',
      },
      handwritten: {
        heading: 'Signer à la main',
        steps: [
          'Ouvrez le formulaire et imprimez-le.',
          'Signez-le à la main.',
          'Scannez toutes ses pages en un seul PDF, ou prenez une photo bien lisible d’un formulaire d’une page (JPEG ou PNG).',
          'Envoyez le fichier ci-dessous.',
        ],
        fileLabel: 'Scan du formulaire signé',
        button: 'Envoyer le scan',
        review: ({ brokerName }) => `${brokerName} vérifie le scan avant d’accorder l’accès.`,
      },
      noScript: ({ brokerName }) =>
        `Pour envoyer un fichier ou refuser la demande, JavaScript doit être activé dans votre navigateur. Si ce n’est pas possible, envoyez le formulaire signé par e-mail à ${brokerName}.`,
      acceptedFiles: ({ types, maxMb }) => `Types acceptés\u00a0: ${types}. ${maxMb}\u00a0Mo maximum.`,
      noFileChosen: 'Veuillez d’abord choisir un fichier.',
      sending: 'Envoi en cours…',
      sendFailed: ({ brokerName }) =>
        `L’envoi a échoué. Veuillez réessayer ou prendre contact avec ${brokerName}.`,
      connectionFailed: 'La connexion a échoué. Vérifiez votre connexion internet et réessayez.',
      uploadProgress: 'Progression de l’envoi',
      checking: 'Vérification du fichier…',
      wrongType: 'Ce type de fichier n’est pas accepté.',
      tooLarge: ({ maxMb }) => `Ce fichier est trop volumineux\u00a0: ${maxMb}\u00a0Mo maximum.`,
      emptyFile: 'Ce fichier est vide. Choisissez le fichier du formulaire signé.',
      tooManyUploads: ({ brokerName }) => `Trop de fichiers ont été envoyés avec ce lien. Veuillez prendre contact avec ${brokerName}.`,
      decline: {
        heading: 'Refuser la demande',
        text: 'Vous ne souhaitez pas signer cette demande\u00a0? Vous pouvez la refuser. Aucun accès ne sera alors accordé.',
        reasonLabel: 'Motif du refus',
        reasonHint: ({ maxLength }) => `Obligatoire. ${maxLength} caractères au maximum.`,
        noReason: 'Veuillez indiquer pourquoi vous refusez la demande.',
        reasonRefused: 'Ce motif ne peut pas être envoyé\u00a0: il contient des caractères non autorisés. Veuillez le réécrire en texte simple.',
        button: 'Refuser la demande',
      },
    },
    signatureReceived: {
      title: 'Merci, votre signature a bien été reçue',
      handwritten: ({ brokerName }) =>
        `${brokerName} va vérifier votre scan. S’il manque quelque chose, vous recevrez un e-mail.`,
      electronic: ({ brokerName }) =>
        `Vous n’avez plus rien à faire. ${brokerName} vous tiendra au courant.`,
    },
    activation: {
      title: 'Activer votre accès au portail client',
      intro: ({ brokerName, clientName }) => `Votre accès au portail client de ${brokerName} pour ${clientName} est prêt.`,
      deadline: ({ expires }) => `Vous pouvez l’activer jusqu’au ${expires}.`,
      scopeHeading: 'Ce que vous pourrez consulter',
      scopeAll: ({ clientName }) => `Tous les contrats actuels et futurs de ${clientName}.`,
      action: 'Rien n’est visible tant que vous n’avez pas activé votre accès.',
      button: 'Activer mon accès',
      notYou: ({ brokerName }) =>
        `Cet accès ne vous est pas destiné\u00a0? Ne l’activez pas et prenez contact avec ${brokerName}.`,
    },
    activationDone: {
      title: 'Votre accès est activé',
      text: ({ brokerName, clientName }) =>
        `Vous pouvez maintenant consulter les données de ${clientName} dans le portail client de ${brokerName}.`,
      signIn: 'Pour vous connecter au portail client, utilisez l’adresse e-mail à laquelle vous avez reçu ce lien.',
      portalLink: 'Aller au portail client',
    },
    linkUnusable: {
      title: 'Ce lien ne peut pas être utilisé',
      reasons: {
        used: 'Ce lien a déjà été utilisé. Chaque lien ne peut servir qu’une seule fois.',
        expired: 'Ce lien a expiré.',
        closed: 'Cette demande est clôturée\u00a0: elle a été annulée, refusée ou est arrivée à son terme.',
        unknown: 'Ce lien n’est pas valable. Vérifiez que vous utilisez l’adresse complète figurant dans l’e-mail.',
      },
      nothingChanged: 'Rien n’a été modifié.',
      nextStep: {
        used: 'Si vous avez déjà signé ou activé votre accès, vous n’avez plus rien à faire. Sinon, prenez contact avec votre courtier.',
        expired: 'Si vous souhaitez toujours cet accès, demandez à votre courtier d’établir une nouvelle demande.',
        closed: 'Vous n’avez plus rien à faire ici. Pour toute question, prenez contact avec votre courtier.',
        unknown: 'Ouvrez à nouveau le lien depuis l’e-mail, ou prenez contact avec votre courtier.',
      },
    },
    signatureRefused: {
      title: 'Votre formulaire signé n’a pas pu être accepté',
      reasons: {
        not_pdf: 'Le fichier n’est pas un document PDF.',
        unsigned: 'Le PDF ne porte aucune signature électronique. Signez-le avec votre eID dans votre logiciel de signature, puis chargez-le à nouveau.',
        broken: 'La signature électronique du PDF est endommagée et ne peut pas être vérifiée.',
        modified: 'Le document a été modifié après avoir été signé.',
        other_document: 'Ce n’est pas le formulaire de cette demande. Téléchargez le formulaire sur cette page, signez-le et chargez-le à nouveau.',
        other_signer: 'La signature n’est pas la vôtre\u00a0: le formulaire doit être signé par la personne qu’il désigne.',
        untrusted: 'La signature n’a pas été faite avec un certificat reconnu (eID belge ou service de signature agréé).',
        not_valid_at_signing: 'Le certificat utilisé pour signer n’était pas valable au moment de la signature.',
        active_content: 'Le PDF contient du contenu actif (scripts, actions ou fichiers joints), ce qui n’est pas autorisé.',
      },
      tryAgain: 'Rien n’a été enregistré. Vous pouvez utiliser le même lien pour réessayer.',
    },
    declined: {
      title: 'Vous avez refusé la demande',
      text: 'Votre refus a été enregistré. Aucun accès ne sera accordé.',
      brokerInformed: ({ brokerName }) => `Nous en informons ${brokerName}.`,
      changeOfMind: ({ brokerName }) =>
        `Vous avez refusé par erreur\u00a0? Prenez contact avec ${brokerName}\u00a0: une nouvelle demande sera nécessaire.`,
    },
  },
};
