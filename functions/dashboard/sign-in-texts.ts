/** The words of the dashboard's sign-in, sign-out and session pages, per language. */
import type { Language } from '../domain/request-schema.js';

export interface SignInTexts {
  readonly signIn: string;
  readonly signedOut: string;
  readonly signedOutText: string;
  readonly signInFailed: string;
  readonly signInFailedText: string;
  readonly sessionEnded: string;
  readonly sessionEndedText: string;
  readonly formExpired: string;
  readonly formExpiredText: string;
  readonly notConfigured: string;
  readonly notConfiguredText: string;
}

const TEXTS: Readonly<Record<Language, SignInTexts>> = {
  nl: {
    signIn: 'Aanmelden',
    signedOut: 'U bent afgemeld',
    signedOutText: 'U bent afgemeld van het dashboard. Meld u opnieuw aan om verder te werken.',
    signInFailed: 'Aanmelden is niet gelukt',
    signInFailedText: 'Het aanmelden werd onderbroken of was verlopen. Er is niets gewijzigd; probeer opnieuw.',
    sessionEnded: 'Uw sessie is verlopen',
    sessionEndedText: 'U bent niet meer aangemeld, dus er is niets gewijzigd. Meld u opnieuw aan en probeer het nog eens.',
    formExpired: 'Dit formulier is verlopen',
    formExpiredText: 'Het formulier hoort bij een vorige sessie, dus er is niets gewijzigd. Open de pagina opnieuw en probeer het nog eens.',
    notConfigured: 'Aanmelden is niet ingesteld',
    notConfiguredText: 'Deze installatie heeft geen aanmelding voor het dashboard. Vraag uw beheerder om ze in te stellen (docs/dashboard.md).',
  },
  fr: {
    signIn: 'Se connecter',
    signedOut: 'Vous êtes déconnecté',
    signedOutText: 'Vous êtes déconnecté du tableau de bord. Connectez-vous à nouveau pour continuer.',
    signInFailed: 'La connexion a échoué',
    signInFailedText: 'La connexion a été interrompue ou a expiré. Rien n’a été modifié ; réessayez.',
    sessionEnded: 'Votre session a expiré',
    sessionEndedText: 'Vous n’êtes plus connecté : rien n’a été modifié. Reconnectez-vous et réessayez.',
    formExpired: 'Ce formulaire a expiré',
    formExpiredText: 'Le formulaire appartient à une session précédente : rien n’a été modifié. Rouvrez la page et réessayez.',
    notConfigured: 'La connexion n’est pas configurée',
    notConfiguredText: 'Cette installation n’a pas de connexion pour le tableau de bord. Demandez à votre administrateur de la configurer (docs/dashboard.md).',
  },
  de: {
    signIn: 'Anmelden',
    signedOut: 'Sie sind abgemeldet',
    signedOutText: 'Sie sind vom Dashboard abgemeldet. Melden Sie sich erneut an, um weiterzuarbeiten.',
    signInFailed: 'Die Anmeldung ist fehlgeschlagen',
    signInFailedText: 'Die Anmeldung wurde unterbrochen oder ist abgelaufen. Es wurde nichts geändert; versuchen Sie es erneut.',
    sessionEnded: 'Ihre Sitzung ist abgelaufen',
    sessionEndedText: 'Sie sind nicht mehr angemeldet, daher wurde nichts geändert. Melden Sie sich erneut an und versuchen Sie es noch einmal.',
    formExpired: 'Dieses Formular ist abgelaufen',
    formExpiredText: 'Das Formular gehört zu einer früheren Sitzung, daher wurde nichts geändert. Öffnen Sie die Seite erneut und versuchen Sie es noch einmal.',
    notConfigured: 'Die Anmeldung ist nicht eingerichtet',
    notConfiguredText: 'Diese Installation hat keine Anmeldung für das Dashboard. Bitten Sie Ihren Administrator, sie einzurichten (docs/dashboard.md).',
  },
  en: {
    signIn: 'Sign in',
    signedOut: 'You are signed out',
    signedOutText: 'You are signed out of the dashboard. Sign in again to go on.',
    signInFailed: 'Signing in did not complete',
    signInFailedText: 'Signing in was interrupted or took too long. Nothing was changed; please try again.',
    sessionEnded: 'Your session has ended',
    sessionEndedText: 'You are no longer signed in, so nothing was changed. Sign in again and retry.',
    formExpired: 'This form has expired',
    formExpiredText: 'The form belongs to an earlier session, so nothing was changed. Open the page again and retry.',
    notConfigured: 'Sign-in is not set up',
    notConfiguredText: 'This installation has no sign-in for the dashboard. Ask your administrator to set it up (docs/dashboard.md).',
  },
};

export function signInTexts(language: Language): SignInTexts {
  return TEXTS[language];
}
