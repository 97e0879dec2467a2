import type { SeedRandom } from '../../shared/random/seedRandom';

export interface PersonName {
  ar: string;
  en: string;
}

type Name = readonly [ar: string, en: string];

const MALE: readonly Name[] = [
  ['محمد', 'Mohammad'],
  ['أحمد', 'Ahmad'],
  ['محمود', 'Mahmoud'],
  ['خالد', 'Khaled'],
  ['عمر', 'Omar'],
  ['علي', 'Ali'],
  ['يوسف', 'Yousef'],
  ['إبراهيم', 'Ibrahim'],
  ['حسن', 'Hasan'],
  ['حسين', 'Hussein'],
  ['عبدالله', 'Abdullah'],
  ['عبدالرحمن', 'Abdelrahman'],
  ['فادي', 'Fadi'],
  ['رامي', 'Rami'],
  ['سامر', 'Samer'],
  ['زيد', 'Zaid'],
  ['ليث', 'Laith'],
  ['معاذ', "Mo'ath"],
  ['أنس', 'Anas'],
  ['بلال', 'Bilal'],
  ['طارق', 'Tareq'],
  ['وليد', 'Waleed'],
  ['ماجد', 'Majed'],
  ['نضال', 'Nidal'],
  ['هشام', 'Hisham'],
  ['باسل', 'Basel'],
  ['مراد', 'Murad'],
  ['سليمان', 'Suleiman'],
  ['عيسى', 'Issa'],
  ['جمال', 'Jamal'],
  ['مصطفى', 'Mustafa'],
  ['صالح', 'Saleh'],
  ['فراس', 'Firas'],
  ['عماد', 'Imad'],
  ['غسان', 'Ghassan'],
  ['هاني', 'Hani'],
  ['ناصر', 'Nasser'],
  ['يزن', 'Yazan'],
  ['قصي', 'Qusai'],
  ['مهند', 'Mohannad'],
  ['عدي', 'Odai'],
  ['حمزة', 'Hamzeh'],
  ['أيمن', 'Ayman'],
  ['منذر', 'Munther'],
  ['رائد', "Ra'ed"],
  ['شادي', 'Shadi'],
  ['بشار', 'Bashar'],
  ['نبيل', 'Nabil'],
  ['سيف', 'Saif'],
  ['مالك', 'Malek'],
];

const FEMALE: readonly Name[] = [
  ['رنا', 'Rana'],
  ['ريم', 'Reem'],
  ['هبة', 'Heba'],
  ['سارة', 'Sara'],
  ['نور', 'Nour'],
  ['دانا', 'Dana'],
  ['لينا', 'Lina'],
  ['رشا', 'Rasha'],
  ['عبير', 'Abeer'],
  ['منى', 'Muna'],
  ['سماح', 'Samah'],
  ['أسماء', "Asma'"],
  ['فاطمة', 'Fatima'],
  ['مريم', 'Mariam'],
  ['آلاء', "Ala'"],
  ['رغد', 'Raghad'],
  ['ديما', 'Dima'],
  ['رزان', 'Razan'],
  ['تسنيم', 'Tasneem'],
  ['إسراء', "Isra'"],
  ['هالة', 'Hala'],
  ['سهى', 'Suha'],
  ['نادية', 'Nadia'],
  ['وفاء', "Wafa'"],
  ['خلود', 'Kholoud'],
  ['ميس', 'Mais'],
  ['بيان', 'Bayan'],
  ['جمانة', 'Jumana'],
  ['روان', 'Rawan'],
  ['شيرين', 'Shireen'],
  ['غدير', 'Ghadeer'],
  ['ياسمين', 'Yasmeen'],
  ['هيا', 'Haya'],
  ['لمى', 'Lama'],
  ['عائشة', 'Aisha'],
  ['زينب', 'Zainab'],
  ['سلمى', 'Salma'],
  ['نسرين', 'Nisreen'],
  ['إيمان', 'Iman'],
  ['أمل', 'Amal'],
  ['حنين', 'Haneen'],
  ['رهف', 'Rahaf'],
  ['ملك', 'Malak'],
  ['شذى', 'Shatha'],
  ['بشرى', 'Bushra'],
  ['دعاء', "Du'a"],
  ['سوسن', 'Sawsan'],
  ['علا', 'Ola'],
  ['مها', 'Maha'],
  ['عرين', 'Areen'],
];

const FAMILIES: readonly Name[] = [
  ['العبادي', 'Al-Abbadi'],
  ['الخوالدة', 'Al-Khawaldeh'],
  ['المجالي', 'Al-Majali'],
  ['الزعبي', 'Al-Zoubi'],
  ['الحياري', 'Al-Hiyari'],
  ['العدوان', 'Al-Adwan'],
  ['الطراونة', 'Al-Tarawneh'],
  ['الروسان', 'Al-Rousan'],
  ['العمري', 'Al-Omari'],
  ['الشوبكي', 'Al-Shobaki'],
  ['الفايز', 'Al-Fayez'],
  ['الرفاعي', 'Al-Rifai'],
  ['النسور', 'Al-Nsour'],
  ['البطاينة', 'Al-Bataineh'],
  ['العزام', 'Al-Azzam'],
  ['الخصاونة', 'Al-Khasawneh'],
  ['الدعجة', "Al-Da'jeh"],
  ['المعايطة', "Al-Ma'aytah"],
  ['القضاة', 'Al-Qudah'],
  ['الشرمان', 'Al-Sharman'],
  ['الحمود', 'Al-Hmoud'],
  ['الصرايرة', 'Al-Sarayreh'],
  ['الكساسبة', 'Al-Kasasbeh'],
  ['الحديد', 'Al-Hadid'],
  ['السعود', 'Al-Saud'],
  ['الخلايلة', 'Al-Khalayleh'],
  ['العتوم', 'Al-Otoum'],
  ['الربابعة', "Al-Rabab'ah"],
  ['المومني', 'Al-Momani'],
  ['الجبور', 'Al-Jbour'],
  ['الرواشدة', 'Al-Rawashdeh'],
  ['الحجايا', 'Al-Hajaya'],
  ['الطويسي', 'Al-Tweisi'],
  ['العموش', 'Al-Amoush'],
  ['الشديفات', 'Al-Shdeifat'],
  ['البدور', 'Al-Bdour'],
  ['الغرايبة', 'Al-Gharaibeh'],
  ['الهنداوي', 'Al-Hindawi'],
  ['الزيود', 'Al-Zyoud'],
  ['البشير', 'Al-Bashir'],
  ['الكردي', 'Al-Kurdi'],
  ['الشريف', 'Al-Sharif'],
  ['النابلسي', 'Al-Nabulsi'],
  ['الخطيب', 'Al-Khatib'],
  ['حداد', 'Haddad'],
  ['عكروش', 'Akrush'],
  ['قاقيش', 'Qaqish'],
  ['الحوراني', 'Al-Hourani'],
  ['المحيسن', 'Al-Muhaisen'],
  ['الدباس', 'Al-Dabbas'],
  ['الخريشا', 'Al-Khreisha'],
  ['بني هاني', 'Bani Hani'],
  ['بني عطا', 'Bani Ata'],
  ['بني مصطفى', 'Bani Mustafa'],
  ['العلاونة', 'Al-Alawneh'],
  ['الرحاحلة', 'Al-Rahahleh'],
  ['الضمور', 'Al-Dmour'],
  ['المناصير', 'Al-Manaseer'],
  ['الحباشنة', 'Al-Habashneh'],
  ['العساف', 'Al-Assaf'],
  ['الصمادي', 'Al-Smadi'],
  ['الحراحشة', 'Al-Harahsheh'],
];

export type Gender = 'male' | 'female';

function firstName(rng: SeedRandom, gender?: Gender): Name {
  const g = gender ?? (rng.chance(0.5) ? 'male' : 'female');
  return rng.pick(g === 'male' ? MALE : FEMALE);
}

/** "رنا محمود الزعبي" / "Rana Mahmoud Al-Zoubi": first name, father's name, family. */
export function personName(rng: SeedRandom, gender?: Gender): PersonName {
  const first = firstName(rng, gender);
  const father = rng.pick(MALE);
  const family = rng.pick(FAMILIES);
  return { ar: `${first[0]} ${father[0]} ${family[0]}`, en: `${first[1]} ${father[1]} ${family[1]}` };
}

/** "رنا الزعبي": how a citizen names the employee they thank. */
export function shortName(rng: SeedRandom, gender?: Gender): PersonName {
  const first = firstName(rng, gender);
  const family = rng.pick(FAMILIES);
  return { ar: `${first[0]} ${family[0]}`, en: `${first[1]} ${family[1]}` };
}

/** Jordanian mobiles: +962 7 then 7, 8 or 9 (Umniah, Orange, Zain) and seven digits. */
export function jordanianMobile(rng: SeedRandom): string {
  return `+9627${rng.pick(['7', '8', '9'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** For tests and pickers: how many names each pool holds. */
export const NAME_POOL_SIZES = { male: MALE.length, female: FEMALE.length, family: FAMILIES.length } as const;
