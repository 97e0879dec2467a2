/**
 * Jordanian numbers are written +962 7…, 00962 7… or 07…: the last nine
 * digits are the same in every form, so they are what search indexes and looks up.
 */
export const phoneKey = (digits: string) => (/^\d{9,}$/.test(digits) ? digits.slice(-9) : digits);
