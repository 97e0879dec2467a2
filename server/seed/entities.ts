import type { EntityKind, Sector } from '../../shared/domain/taxonomy';

export interface EntitySeed {
  /** Short, stable: ids (`ent-<code>`) and focal-point e-mails are derived from it. */
  code: string;
  nameAr: string;
  nameEn: string;
  sector: Sector;
  kind: EntityKind;
  /** The body the entity reports to, when citizens would recognise one. */
  parentCode: string | null;
}

type Row = readonly [code: string, nameAr: string, nameEn: string, sector: Sector, parentCode: string | null];

// Real Jordanian government bodies that answer citizens. Names follow the
// bodies' own usage; bodies merged or renamed in the 2022–2024 public sector
// modernisation appear under their current names (the Civil Service Bureau as
// the Public Service and Administration Commission, no separate Ministry of
// Public Sector Development, no Jordan Investment Commission beside the
// Ministry of Investment). Aqaba has no municipality: ASEZA runs its municipal
// services.
const MINISTRIES: readonly Row[] = [
  ['MOH', 'وزارة الصحة', 'Ministry of Health', 'health', null],
  ['MOE', 'وزارة التربية والتعليم', 'Ministry of Education', 'education', null],
  [
    'MOHE',
    'وزارة التعليم العالي والبحث العلمي',
    'Ministry of Higher Education and Scientific Research',
    'education',
    null,
  ],
  ['MOI', 'وزارة الداخلية', 'Ministry of Interior', 'sovereign', null],
  ['MOL', 'وزارة العمل', 'Ministry of Labour', 'social', null],
  ['MOSD', 'وزارة التنمية الاجتماعية', 'Ministry of Social Development', 'social', null],
  ['MPWH', 'وزارة الأشغال العامة والإسكان', 'Ministry of Public Works and Housing', 'infrastructure', null],
  ['MOT', 'وزارة النقل', 'Ministry of Transport', 'infrastructure', null],
  ['MWI', 'وزارة المياه والري', 'Ministry of Water and Irrigation', 'infrastructure', null],
  ['MEMR', 'وزارة الطاقة والثروة المعدنية', 'Ministry of Energy and Mineral Resources', 'infrastructure', null],
  ['MIT', 'وزارة الصناعة والتجارة والتموين', 'Ministry of Industry, Trade and Supply', 'economy', null],
  ['MOA', 'وزارة الزراعة', 'Ministry of Agriculture', 'economy', null],
  ['MOENV', 'وزارة البيئة', 'Ministry of Environment', 'environment', null],
  ['MOLA', 'وزارة الإدارة المحلية', 'Ministry of Local Administration', 'municipal', null],
  ['MODEE', 'وزارة الاقتصاد الرقمي والريادة', 'Ministry of Digital Economy and Entrepreneurship', 'economy', null],
  ['MOF', 'وزارة المالية', 'Ministry of Finance', 'economy', null],
  ['MOJ', 'وزارة العدل', 'Ministry of Justice', 'justice', null],
  [
    'MOAIA',
    'وزارة الأوقاف والشؤون والمقدسات الإسلامية',
    'Ministry of Awqaf, Islamic Affairs and Holy Places',
    'culture',
    null,
  ],
  ['MOTA', 'وزارة السياحة والآثار', 'Ministry of Tourism and Antiquities', 'culture', null],
  ['MOC', 'وزارة الثقافة', 'Ministry of Culture', 'culture', null],
  ['MOY', 'وزارة الشباب', 'Ministry of Youth', 'culture', null],
  ['MOINV', 'وزارة الاستثمار', 'Ministry of Investment', 'economy', null],
  ['MOPIC', 'وزارة التخطيط والتعاون الدولي', 'Ministry of Planning and International Cooperation', 'economy', null],
  ['MOGC', 'وزارة الاتصال الحكومي', 'Ministry of Government Communication', 'sovereign', null],
  ['MOPPA', 'وزارة الشؤون السياسية والبرلمانية', 'Ministry of Political and Parliamentary Affairs', 'sovereign', null],
  ['MOFA', 'وزارة الخارجية وشؤون المغتربين', 'Ministry of Foreign Affairs and Expatriates', 'sovereign', null],
];

const DEPARTMENTS: readonly Row[] = [
  ['CSPD', 'دائرة الأحوال المدنية والجوازات', 'Civil Status and Passports Department', 'sovereign', 'MOI'],
  ['DLS', 'دائرة الأراضي والمساحة', 'Department of Lands and Survey', 'economy', 'MOF'],
  ['ISTD', 'دائرة ضريبة الدخل والمبيعات', 'Income and Sales Tax Department', 'economy', 'MOF'],
  ['CUSTOMS', 'دائرة الجمارك الأردنية', 'Jordan Customs Department', 'economy', 'MOF'],
  ['DOS', 'دائرة الإحصاءات العامة', 'Department of Statistics', 'economy', 'MOPIC'],
  ['PSD', 'مديرية الأمن العام', 'Public Security Directorate', 'sovereign', 'MOI'],
  ['DVLD', 'إدارة ترخيص السواقين والمركبات', 'Drivers and Vehicles Licensing Department', 'infrastructure', 'PSD'],
  ['CDD', 'المديرية العامة للدفاع المدني', 'General Directorate of Civil Defence', 'sovereign', 'PSD'],
  ['TRAFFIC', 'إدارة السير المركزية', 'Central Traffic Department', 'infrastructure', 'PSD'],
  ['FJPD', 'إدارة حماية الأسرة والأحداث', 'Family and Juvenile Protection Department', 'social', 'PSD'],
  ['DOA', 'دائرة الآثار العامة', 'Department of Antiquities', 'culture', 'MOTA'],
  ['IFTAA', 'دائرة الإفتاء العام', "General Iftaa' Department", 'culture', null],
  ['CCD', 'دائرة مراقبة الشركات', 'Companies Control Department', 'economy', 'MIT'],
  ['JMD', 'دائرة الأرصاد الجوية', 'Jordan Meteorological Department', 'environment', 'MOT'],
  ['SJD', 'دائرة قاضي القضاة', 'Supreme Judge Department', 'justice', null],
  ['DPA', 'دائرة الشؤون الفلسطينية', 'Department of Palestinian Affairs', 'sovereign', 'MOFA'],
  ['HIA', 'إدارة التأمين الصحي', 'Health Insurance Administration', 'health', 'MOH'],
  ['BASHIR', 'مستشفى البشير', 'Al-Bashir Hospital', 'health', 'MOH'],
  ['HAMZA', 'مستشفى الأمير حمزة', 'Prince Hamza Hospital', 'health', 'MOH'],
  ['UACU', 'وحدة تنسيق القبول الموحد', 'Unified Admission Coordination Unit', 'education', 'MOHE'],
];

const AUTHORITIES: readonly Row[] = [
  ['SSC', 'المؤسسة العامة للضمان الاجتماعي', 'Social Security Corporation', 'social', null],
  ['JFDA', 'المؤسسة العامة للغذاء والدواء', 'Jordan Food and Drug Administration', 'health', null],
  ['EMRC', 'هيئة تنظيم قطاع الطاقة والمعادن', 'Energy and Minerals Regulatory Commission', 'infrastructure', 'MEMR'],
  ['TRC', 'هيئة تنظيم قطاع الاتصالات', 'Telecommunications Regulatory Commission', 'infrastructure', 'MODEE'],
  ['LTRC', 'هيئة تنظيم النقل البري', 'Land Transport Regulatory Commission', 'infrastructure', 'MOT'],
  ['CARC', 'هيئة تنظيم الطيران المدني', 'Civil Aviation Regulatory Commission', 'infrastructure', 'MOT'],
  ['ASEZA', 'سلطة منطقة العقبة الاقتصادية الخاصة', 'Aqaba Special Economic Zone Authority', 'economy', null],
  ['WAJ', 'سلطة المياه', 'Water Authority of Jordan', 'infrastructure', 'MWI'],
  ['JVA', 'سلطة وادي الأردن', 'Jordan Valley Authority', 'infrastructure', 'MWI'],
  ['VTC', 'مؤسسة التدريب المهني', 'Vocational Training Corporation', 'education', 'MOL'],
  ['NAF', 'صندوق المعونة الوطنية', 'National Aid Fund', 'social', 'MOSD'],
  ['JSMO', 'مؤسسة المواصفات والمقاييس', 'Jordan Standards and Metrology Organization', 'economy', 'MIT'],
  ['PDTRA', 'سلطة إقليم البترا التنموي السياحي', 'Petra Development and Tourism Region Authority', 'culture', null],
  ['PSAC', 'هيئة الخدمة والإدارة العامة', 'Public Service and Administration Commission', 'sovereign', null],
  [
    'HUDC',
    'المؤسسة العامة للإسكان والتطوير الحضري',
    'Housing and Urban Development Corporation',
    'infrastructure',
    'MPWH',
  ],
  [
    'JEDCO',
    'المؤسسة الأردنية لتطوير المشاريع الاقتصادية',
    'Jordan Enterprise Development Corporation',
    'economy',
    'MIT',
  ],
  ['CBJ', 'البنك المركزي الأردني', 'Central Bank of Jordan', 'economy', null],
  ['JIACC', 'هيئة النزاهة ومكافحة الفساد', 'Integrity and Anti-Corruption Commission', 'justice', null],
  ['ZAKAT', 'صندوق الزكاة', 'Zakat Fund', 'social', 'MOAIA'],
  ['JHR', 'مؤسسة سكة حديد الحجاز الأردنية', 'Jordan Hejaz Railway', 'infrastructure', 'MOT'],
  ['DEF', 'صندوق التنمية والتشغيل', 'Development and Employment Fund', 'social', 'MOL'],
  ['CVDB', 'بنك تنمية المدن والقرى', 'Cities and Villages Development Bank', 'municipal', 'MOLA'],
  ['OFDF', 'مؤسسة تنمية أموال الأيتام', 'Orphans Fund Development Foundation', 'social', 'SJD'],
  ['CCC', 'المؤسسة الاستهلاكية المدنية', 'Civil Consumer Corporation', 'economy', 'MIT'],
];

const COUNCILS: readonly Row[] = [
  [
    'HCD',
    'المجلس الأعلى لحقوق الأشخاص ذوي الإعاقة',
    'Higher Council for the Rights of Persons with Disabilities',
    'social',
    null,
  ],
  ['NCFA', 'المجلس الوطني لشؤون الأسرة', 'National Council for Family Affairs', 'social', null],
  ['HHC', 'المجلس الصحي العالي', 'High Health Council', 'health', null],
  ['MEDICAL', 'المجلس الطبي الأردني', 'Jordan Medical Council', 'health', null],
  ['JUDC', 'المجلس القضائي', 'Judicial Council', 'justice', null],
];

// Utilities citizens deal with directly. The electricity distributors are
// private licensees of EMRC, not its subsidiaries: no parent.
const COMPANIES: readonly Row[] = [
  ['JPC', 'شركة البريد الأردني', 'Jordan Post Company', 'infrastructure', 'MODEE'],
  ['MIYAHUNA', 'شركة مياه الأردن - مياهنا', 'Jordan Water Company (Miyahuna)', 'infrastructure', 'WAJ'],
  ['YWC', 'شركة مياه اليرموك', 'Yarmouk Water Company', 'infrastructure', 'WAJ'],
  ['AW', 'شركة مياه العقبة', 'Aqaba Water Company', 'infrastructure', 'WAJ'],
  ['JEPCO', 'شركة الكهرباء الأردنية', 'Jordan Electric Power Company', 'infrastructure', null],
  ['IDECO', 'شركة كهرباء محافظة إربد', 'Irbid District Electricity Company', 'infrastructure', null],
  ['EDCO', 'شركة توزيع الكهرباء', 'Electricity Distribution Company', 'infrastructure', null],
  ['NEPCO', 'شركة الكهرباء الوطنية', 'National Electric Power Company', 'infrastructure', 'MEMR'],
  ['ADC', 'شركة تطوير العقبة', 'Aqaba Development Corporation', 'economy', 'ASEZA'],
];

const MUNICIPALITIES: readonly Row[] = [
  ['GAM', 'أمانة عمان الكبرى', 'Greater Amman Municipality', 'municipal', null],
  ['IRBIDM', 'بلدية إربد الكبرى', 'Greater Irbid Municipality', 'municipal', 'MOLA'],
  ['ZARQAM', 'بلدية الزرقاء', 'Zarqa Municipality', 'municipal', 'MOLA'],
  ['SALTM', 'بلدية السلط الكبرى', 'Greater Salt Municipality', 'municipal', 'MOLA'],
  ['MADABAM', 'بلدية مادبا الكبرى', 'Greater Madaba Municipality', 'municipal', 'MOLA'],
  ['KARAKM', 'بلدية الكرك الكبرى', 'Greater Karak Municipality', 'municipal', 'MOLA'],
  ['MAANM', 'بلدية معان الكبرى', "Greater Ma'an Municipality", 'municipal', 'MOLA'],
  ['JERASHM', 'بلدية جرش الكبرى', 'Greater Jerash Municipality', 'municipal', 'MOLA'],
  ['AJLOUNM', 'بلدية عجلون الكبرى', 'Greater Ajloun Municipality', 'municipal', 'MOLA'],
  ['MAFRAQM', 'بلدية المفرق الكبرى', 'Greater Mafraq Municipality', 'municipal', 'MOLA'],
  ['TAFILAM', 'بلدية الطفيلة الكبرى', 'Greater Tafilah Municipality', 'municipal', 'MOLA'],
  ['RUSSEIFAM', 'بلدية الرصيفة', 'Russeifa Municipality', 'municipal', 'MOLA'],
  ['RAMTHAM', 'بلدية الرمثا الجديدة', 'New Ramtha Municipality', 'municipal', 'MOLA'],
  ['SAHABM', 'بلدية سحاب', 'Sahab Municipality', 'municipal', 'MOLA'],
  ['AINBASHAM', 'بلدية عين الباشا', 'Ain Al-Basha Municipality', 'municipal', 'MOLA'],
  ['DEIRALLAM', 'بلدية دير علا', 'Deir Alla Municipality', 'municipal', 'MOLA'],
  ['SHUNAM', 'بلدية الشونة الجنوبية', 'South Shuneh Municipality', 'municipal', 'MOLA'],
  ['HASHEMIYAM', 'بلدية الهاشمية', 'Hashemiyah Municipality', 'municipal', 'MOLA'],
  ['KURAM', 'بلدية دير أبي سعيد', 'Deir Abi Said Municipality', 'municipal', 'MOLA'],
  ['MUWAQQARM', 'بلدية الموقر', 'Al-Muwaqqar Municipality', 'municipal', 'MOLA'],
  ['NAOURM', 'بلدية ناعور', "Na'our Municipality", 'municipal', 'MOLA'],
  ['AZRAQM', 'بلدية الأزرق', 'Azraq Municipality', 'municipal', 'MOLA'],
];

const rows = (list: readonly Row[], kind: EntityKind): EntitySeed[] =>
  list.map(([code, nameAr, nameEn, sector, parentCode]) => ({ code, nameAr, nameEn, sector, kind, parentCode }));

/** The 106 entities of the demo country. Some children are listed before their parents. */
export const ENTITY_SEEDS: readonly EntitySeed[] = [
  ...rows(MINISTRIES, 'ministry'),
  ...rows(DEPARTMENTS, 'department'),
  ...rows(AUTHORITIES, 'authority'),
  ...rows(COUNCILS, 'council'),
  ...rows(COMPANIES, 'company'),
  ...rows(MUNICIPALITIES, 'municipality'),
];
