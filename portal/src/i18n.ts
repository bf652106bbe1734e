import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { accountsEn } from "./locales/accounts.en";
import { accountsNl } from "./locales/accounts.nl";
import { claimsEn } from "./locales/claims.en";
import { claimsNl } from "./locales/claims.nl";
import { clerkEn } from "./locales/clerk.en";
import { clerkNl } from "./locales/clerk.nl";
import { en } from "./locales/en";
import { importsEn } from "./locales/imports.en";
import { importsNl } from "./locales/imports.nl";
import { nl } from "./locales/nl";
import { productsEn } from "./locales/products.en";
import { productsNl } from "./locales/products.nl";

export const LANGUAGES = ["nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = "portal.language";

export function storedLanguage(): Language {
  const stored = localStorage.getItem(KEY);
  return stored === "en" ? "en" : "nl";
}

export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export function initI18n(): typeof i18n {
  const language = storedLanguage();
  document.documentElement.lang = language;
  void i18n.use(initReactI18next).init({
    resources: {
      nl: { translation: { ...nl, products: productsNl, claims: claimsNl, clerk: clerkNl, accounts: accountsNl, imports: importsNl } },
      en: { translation: { ...en, products: productsEn, claims: claimsEn, clerk: clerkEn, accounts: accountsEn, imports: importsEn } },
    },
    lng: language,
    fallbackLng: "nl",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
