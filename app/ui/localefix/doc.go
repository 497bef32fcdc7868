// Package localefix keeps Fyne from logging "Error parsing user locale C" on machines whose
// locale is C.UTF-8 or POSIX (servers, CI, containers): the locale library it uses passes "C"
// on as a language tag. Imported for its side effect, before Fyne: Go initialises ready
// packages in import-path order, and this leaf sorts before the locale library.
//
// It sets LANGUAGE=en only when the locale is C or POSIX and LANGUAGE is unset; gettext ignores
// LANGUAGE under the C locale, so child processes see no difference.
package localefix
