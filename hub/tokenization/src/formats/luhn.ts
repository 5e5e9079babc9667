/**
 * The Luhn mod-10 checksum (ISO/IEC 7812-1 annex B): from the rightmost digit leftwards, every second digit is
 * doubled (minus 9 when above 9); the number is valid when the sum is a multiple of 10.
 */
export const luhnSum = (digits: string): number => {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return sum;
};

export const isLuhnValid = (digits: string): boolean => /^\d+$/.test(digits) && luhnSum(digits) % 10 === 0;
