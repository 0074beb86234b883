/** British English, for clients who read neither Dutch, French nor German. */
import type { MessageTexts } from './message-texts.js';

export const EN_TEXTS: MessageTexts = {
  colon: ': ',
  mail: {
    greeting: (name) => `Dear ${name},`,
    signOff: 'Kind regards,',
    buttonFallback: 'If the button does not work, copy this address into your browser:',
    linkIsPersonal: ({ expires }) =>
      `This link is personal and can be used only once. It expires on ${expires}. Please do not forward it.`,
    notExpected: ({ brokerName }) =>
      `If you were not expecting this e-mail, please do not use the link, and contact ${brokerName}.`,
    signatureInvitation: {
      requesterSubject: ({ brokerName }) => `Please sign your request for access to the client portal of ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Please approve access to the client portal of ${brokerName} for ${clientName}`,
      requesterIntro: ({ brokerName, clientName, grantees }) =>
        `${brokerName} has prepared your request for access to the client portal for ${clientName}. Access is requested for: ${grantees}.`,
      legalRepresentativeIntro: ({ requesterName, brokerName, clientName, grantees }) =>
        `${requesterName} has asked ${brokerName} for access to the client portal for ${clientName}. Access is requested for: ${grantees}.`,
      requesterAction: ({ expires }) =>
        `To confirm the request, please read and sign the request form by ${expires}. No access is granted without your signature.`,
      legalRepresentativeAction: ({ clientName, expires }) =>
        `As the legal representative of ${clientName}, you approve this request by signing the request form, by ${expires}. No access is granted without your signature.`,
      button: 'View and sign the form',
    },
    signatureReminder: {
      requesterSubject: ({ brokerName }) =>
        `Reminder: please sign your request for access to the client portal of ${brokerName}`,
      legalRepresentativeSubject: ({ brokerName, clientName }) =>
        `Reminder: please approve access to the client portal of ${brokerName} for ${clientName}`,
      notYetSigned: 'We have not yet received your signature.',
      lastReminder: ({ expires }) => `This is the last reminder: after ${expires} the request will lapse.`,
    },
    scanRejected: {
      subject: ({ brokerName }) => `${brokerName} could not accept your scan of the request form`,
      intro: ({ brokerName }) => `${brokerName} could not accept the scan of the signed request form that you uploaded.`,
      reasonLabel: 'Reason:',
      action: ({ expires }) =>
        `Please print the form again, sign it by hand and upload a new scan by ${expires}.`,
      button: 'Upload a new scan',
    },
    activationInvitation: {
      subject: ({ brokerName }) => `Your access to the client portal of ${brokerName} is ready`,
      intro: ({ brokerName, clientName }) => `Your access to the client portal of ${brokerName} for ${clientName} is ready.`,
      action: ({ expires }) =>
        `Please activate it using the link below by ${expires}. Nothing is visible until you do.`,
      button: 'Activate my access',
    },
    activationReminder: {
      subject: ({ brokerName }) => `Reminder: please activate your access to the client portal of ${brokerName}`,
      notYetActivated: ({ brokerName, clientName }) =>
        `You have not yet activated your access to the client portal of ${brokerName} for ${clientName}.`,
      lastReminder: ({ expires }) => `This is the last reminder: after ${expires} this link will no longer work.`,
    },
  },
  page: {
    greeting: (name) => `Dear ${name},`,
    relation: {
      policyholder: 'policyholder',
      insured: 'insured person',
      other: 'authorised person',
      legalRepresentative: 'legal representative',
    },
    scopeAll: 'access to all current and future contracts',
    scopeContracts: 'access to these contracts:',
    signing: {
      title: 'Sign the request for access to the client portal',
      requesterIntro: ({ brokerName, clientName }) =>
        `${brokerName} asks you to sign your request for access to the client portal for ${clientName}. No access is granted without your signature.`,
      legalRepresentativeIntro: ({ brokerName, clientName }) =>
        `As the legal representative of ${clientName}, you approve this request for access to the client portal of ${brokerName} by signing the form. No access is granted without your signature.`,
      requestedHeading: 'What is requested',
      formHeading: 'The request form',
      formText: 'Please read the form carefully before you sign it.',
      formLink: 'Read the form (PDF)',
      deadline: ({ expires }) => `You can sign until ${expires}.`,
      signHeading: 'Signing',
      signIntro: 'A click or a typed name does not count as a signature. Choose one of these ways:',
      noMethod: ({ brokerName }) => `This request cannot be signed online. Please contact ${brokerName}.`,
      advanced: {
        heading: 'Sign electronically',
        text: 'You will be taken to a secure signing service, where you sign the form online. When you have signed, you come back to this page.',
        button: 'Go to the signing service',
      },
      eid: {
        heading: 'Sign with your eID',
        text: 'Save the form (PDF) on your computer. Sign it with your Belgian eID card in a card reader, using your eID signing software. Then upload the signed PDF below.',
        fileLabel: 'PDF signed with your eID',
        button: 'Upload the signed PDF',
      },
      handwritten: {
        heading: 'Sign by hand',
        steps: [
          'Open the form and print it.',
          'Sign it by hand.',
          'Scan all its pages into one PDF, or take a clear photo of a one-page form (JPEG or PNG).',
          'Upload the file below.',
        ],
        fileLabel: 'Scan of the signed form',
        button: 'Upload the scan',
        review: ({ brokerName }) => `${brokerName} checks the scan before access is granted.`,
      },
      noScript: ({ brokerName }) =>
        `To upload a file or decline the request, JavaScript must be enabled in your browser. If that is not possible, please e-mail the signed form to ${brokerName}.`,
      acceptedFiles: ({ types, maxMb }) => `Accepted types: ${types}. ${maxMb} MB maximum.`,
      noFileChosen: 'Please choose a file first.',
      sending: 'Sending…',
      sendFailed: ({ brokerName }) => `Sending failed. Please try again or contact ${brokerName}.`,
      connectionFailed: 'The connection failed. Check your internet connection and try again.',
      uploadProgress: 'Upload progress',
      checking: 'Checking the file…',
      wrongType: 'This type of file is not accepted.',
      tooLarge: ({ maxMb }) => `This file is too large: ${maxMb} MB maximum.`,
      emptyFile: 'This file is empty. Choose the file of the signed form.',
      tooManyUploads: ({ brokerName }) => `Too many files were sent with this link. Please contact ${brokerName}.`,
      decline: {
        heading: 'Decline the request',
        text: 'If you do not want to sign this request, you can decline it. No access will then be granted.',
        reasonLabel: 'Reason for declining',
        reasonHint: ({ maxLength }) => `Required. At most ${maxLength} characters.`,
        noReason: 'Please say why you decline the request.',
        reasonRefused: 'This reason cannot be sent: it contains characters that are not allowed. Please write it again as plain text.',
        button: 'Decline the request',
      },
    },
    signatureReceived: {
      title: 'Thank you, your signature has been received',
      handwritten: ({ brokerName }) =>
        `${brokerName} will check your scan. If anything else is needed, you will receive an e-mail.`,
      electronic: ({ brokerName }) => `There is nothing more you need to do. ${brokerName} will keep you informed.`,
    },
    activation: {
      title: 'Activate your access to the client portal',
      intro: ({ brokerName, clientName }) => `Your access to the client portal of ${brokerName} for ${clientName} is ready.`,
      deadline: ({ expires }) => `You can activate it until ${expires}.`,
      scopeHeading: 'What you will be able to see',
      scopeAll: ({ clientName }) => `All current and future contracts of ${clientName}.`,
      action: 'Nothing is visible until you activate your access.',
      button: 'Activate my access',
      notYou: ({ brokerName }) =>
        `If this access is not meant for you, please do not activate it, and contact ${brokerName}.`,
    },
    activationDone: {
      title: 'Your access is active',
      text: ({ brokerName, clientName }) =>
        `You can now see the details of ${clientName} in the client portal of ${brokerName}.`,
      signIn: 'To sign in to the client portal, use the e-mail address at which you received this link.',
      portalLink: 'Go to the client portal',
    },
    linkUnusable: {
      title: 'This link cannot be used',
      reasons: {
        used: 'This link has already been used. Each link can be used only once.',
        expired: 'This link has expired.',
        closed: 'This request is closed: it was cancelled, declined or has ended.',
        unknown: 'This link is not valid. Please check that you used the full address from the e-mail.',
      },
      nothingChanged: 'Nothing has been changed.',
      nextStep: {
        used: 'If you have already signed or activated your access, there is nothing more to do. Otherwise, please contact your broker.',
        expired: 'If you still want this access, please ask your broker for a new request.',
        closed: 'There is nothing more to do here. If you have any questions, please contact your broker.',
        unknown: 'Open the link again from the e-mail, or contact your broker.',
      },
    },
    signatureRefused: {
      title: 'Your signed form could not be accepted',
      reasons: {
        not_pdf: 'The file is not a PDF document.',
        unsigned: 'The PDF carries no electronic signature. Sign it with your eID in your signing software, then upload it again.',
        broken: 'The electronic signature in the PDF is damaged and cannot be checked.',
        modified: 'The document was changed after it was signed.',
        other_document: 'This is not the form of this request. Download the form from this page, sign it and upload it again.',
        other_signer: 'The signature is not yours: the form must be signed by the person it names.',
        untrusted: 'The signature was not made with a recognised certificate (Belgian eID or an approved signing service).',
        not_valid_at_signing: 'The certificate used to sign was not valid at the time of signing.',
        active_content: 'The PDF contains active content (scripts, actions or attached files), which is not allowed.',
      },
      tryAgain: 'Nothing was recorded. You can use the same link to try again.',
    },
    declined: {
      title: 'You have declined the request',
      text: 'Your decision has been recorded. No access will be granted.',
      brokerInformed: ({ brokerName }) => `${brokerName} will be informed.`,
      changeOfMind: ({ brokerName }) => `Declined by mistake? Please contact ${brokerName}: a new request will be needed.`,
    },
  },
};
