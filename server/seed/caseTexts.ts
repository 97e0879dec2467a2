import type { ApplicationType, Pillar, Sector } from '../../shared/domain/taxonomy';
import type { SeedRandom } from './seedRandom';

export interface CaseText {
  title: string;
  body: string;
  language: 'ar' | 'en';
}

interface CaseTextInput {
  type: ApplicationType;
  pillar: Pillar;
  sector: Sector;
  entityNameAr: string;
  entityNameEn: string;
}

const PLACES = [
  'عمان',
  'إربد',
  'الزرقاء',
  'السلط',
  'الكرك',
  'معان',
  'العقبة',
  'مادبا',
  'جرش',
  'عجلون',
  'المفرق',
  'الطفيلة',
  'طبربور',
  'ماركا',
  'الهاشمي الشمالي',
  'صويلح',
  'الرصيفة',
  'جبل النزهة',
  'خريبة السوق',
  'أبو نصير',
  'الجبيهة',
  'ضاحية الأمير حسن',
  'الرمثا',
  'الشونة الجنوبية',
  'دير علا',
  'الأزرق',
  'سحاب',
  'ناعور',
  'المقابلين',
  'الوحدات',
];

// What citizens write about, by sector: [subject for a title, the matter in a sentence].
const TOPICS: Record<Sector, readonly (readonly [string, string])[]> = {
  health: [
    ['تأخر المواعيد في المركز الصحي', 'مواعيد العيادات الاختصاصية في المركز الصحي الشامل تُعطى بعد أكثر من شهرين'],
    ['نقص دواء الضغط في الصيدلية', 'دواء الضغط المزمن غير متوفر في صيدلية المستشفى منذ ثلاثة أسابيع'],
    ['الاكتظاظ في قسم الطوارئ', 'الانتظار في قسم الطوارئ تجاوز خمس ساعات دون فرز للحالات'],
    ['التأمين الصحي للمتقاعدين', 'لم يتم تجديد بطاقة التأمين الصحي رغم استكمال جميع الوثائق المطلوبة'],
  ],
  education: [
    ['نقل طالب بين المدارس', 'طلب نقل ابني إلى مدرسة أقرب إلى مكان سكننا ما زال معلقاً منذ بداية الفصل'],
    ['شهادة التوجيهي', 'لم أتمكن من استخراج كشف علامات الثانوية العامة المصدق إلكترونياً'],
    ['اكتظاظ الصفوف', 'عدد الطلاب في الصف الواحد تجاوز خمسة وأربعين طالباً'],
    ['التدفئة في المدرسة', 'المدرسة بلا تدفئة منذ بداية فصل الشتاء والأطفال يعانون من البرد'],
  ],
  social: [
    ['المعونة الشهرية', 'توقف صرف المعونة الشهرية لأسرتي دون إشعار مسبق أو توضيح للسبب'],
    ['اشتراك الضمان الاجتماعي', 'صاحب العمل لم يشملني بالضمان الاجتماعي رغم عملي لديه منذ سنتين'],
    ['الراتب التقاعدي', 'تأخر احتساب الراتب التقاعدي المبكر وتقدمت بالطلب قبل أربعة أشهر'],
    ['تصريح العمل', 'طلب تجديد تصريح العمل ما زال قيد الدراسة منذ مدة طويلة'],
  ],
  infrastructure: [
    ['انقطاع المياه', 'المياه مقطوعة عن الحي منذ أسبوع ولم يصل الدور كما هو مقرر في البرنامج'],
    ['فاتورة كهرباء مرتفعة', 'فاتورة الكهرباء لهذا الشهر تضاعفت ثلاث مرات دون أي تغيير في الاستهلاك'],
    ['حفرة في الطريق الرئيسي', 'حفرة كبيرة في منتصف الطريق الرئيسي تسببت بحوادث وأضرار للمركبات'],
    ['موعد فحص المركبة', 'لا تتوفر مواعيد لفحص المركبة وترخيصها عبر التطبيق قبل انتهاء الترخيص'],
    ['خطوط النقل العام', 'الحافلات على الخط لا تلتزم بالمواعيد والانتظار يتجاوز الساعة'],
  ],
  municipal: [
    ['إنارة الشارع', 'أعمدة الإنارة في الشارع معطلة منذ شهر والمنطقة مظلمة تماماً ليلاً'],
    ['جمع النفايات', 'النفايات متراكمة بجانب الحاويات ولم يتم جمعها منذ أيام'],
    ['رخصة المهن', 'تجديد رخصة المهن للمحل التجاري متوقف بسبب طلب وثائق غير مذكورة في الدليل'],
    ['تعبيد الشارع', 'الشارع المؤدي إلى المدرسة غير معبد ويتحول إلى طين في الشتاء'],
    ['الكلاب الضالة', 'انتشار الكلاب الضالة قرب المدارس يهدد سلامة الأطفال'],
  ],
  economy: [
    ['ارتفاع الأسعار', 'ارتفاع غير مبرر في سعر أسطوانة الغاز لدى الموزعين في المنطقة'],
    ['تسجيل شركة', 'طلب تسجيل شركة ذات مسؤولية محدودة عالق في مرحلة التدقيق'],
    ['استرداد ضريبة الدخل', 'لم يتم رد مبلغ ضريبة الدخل المستحق عن السنة الماضية حتى الآن'],
    ['تخليص جمركي', 'تأخر الإفراج عن شحنة شخصية في المركز الجمركي رغم دفع الرسوم'],
    ['معاملة أراضي', 'معاملة فرز قطعة الأرض متوقفة بانتظار كتاب من جهة أخرى'],
  ],
  sovereign: [
    ['تجديد جواز السفر', 'موعد استلام جواز السفر المجدد تأخر عن الموعد المحدد في الرسالة'],
    ['البطاقة الذكية', 'فقدت البطاقة الشخصية ولم أستطع حجز موعد لإصدار بدل فاقد'],
    ['شهادة عدم محكومية', 'طلب شهادة عدم المحكومية الإلكتروني مرفوض دون بيان السبب'],
    ['تصديق الوثائق', 'تصديق الشهادات لدى الوزارة يتطلب مراجعات متعددة'],
  ],
  justice: [
    ['تأجيل الجلسات', 'تأجيل جلسات القضية أكثر من ست مرات دون مبرر واضح'],
    ['تنفيذ حكم النفقة', 'حكم النفقة لم يُنفَّذ منذ صدوره قبل خمسة أشهر'],
    ['الخدمات الإلكترونية للمحاكم', 'خدمة الاطلاع على ملف القضية إلكترونياً لا تعمل'],
  ],
  environment: [
    ['روائح مكب النفايات', 'روائح كريهة من مكب النفايات القريب تصل إلى المنازل مساءً'],
    ['حرق النفايات', 'حرق عشوائي للنفايات في الأرض المجاورة للمنطقة السكنية'],
    ['مقلع حجارة مخالف', 'مقلع حجارة يعمل قرب المنازل ويسبب الغبار والضجيج'],
  ],
  culture: [
    ['موقع أثري مهمل', 'الموقع الأثري في المنطقة مهمل وتنتشر فيه النفايات'],
    ['مواعيد المساجد', 'المسجد في الحي بحاجة إلى صيانة لدورات المياه والتكييف'],
    ['مراكز الشباب', 'مركز الشباب في المنطقة مغلق معظم أيام الأسبوع'],
  ],
};

const PILLAR_DETAIL: Record<Pillar, readonly string[]> = {
  serviceQuality: ['والخدمة المقدمة دون المستوى المطلوب', 'ولم تُحلّ المشكلة رغم المراجعة'],
  deliveryTime: ['وقد تجاوزت المدة المعلنة لإنجاز الخدمة', 'ومضى على الطلب أكثر من المدة المحددة في دليل الخدمات'],
  employeeBehaviour: ['وتعامل الموظف المختص لم يكن لائقاً', 'والموظف رفض استلام الطلب دون توضيح'],
  serviceProcedures: ['والإجراءات معقدة وتتطلب مراجعة أكثر من جهة', 'وطُلب مني إحضار وثائق غير مذكورة على الموقع'],
  deliveryInfrastructure: ['والنظام الإلكتروني يتوقف عند مرحلة الدفع', 'والمبنى غير مهيأ لكبار السن وذوي الإعاقة'],
};

const OPENINGS = ['السلام عليكم ورحمة الله،', 'تحية طيبة وبعد،', 'مرحباً،', 'السادة المحترمين،', ''];
const DURATIONS = ['منذ أسبوعين', 'منذ شهر', 'منذ ثلاثة أيام', 'منذ عشرة أيام', 'منذ أكثر من شهرين'];

const CLOSINGS: Record<ApplicationType, readonly string[]> = {
  complaint: [
    'أرجو متابعة الموضوع وحله بأسرع وقت.',
    'أطالب بإجراء المقتضى القانوني ومحاسبة المقصرين.',
    'وشكراً لتعاونكم.',
  ],
  inquiry: [
    'أرجو إفادتي بالإجراء الصحيح والوثائق المطلوبة.',
    'متى يمكن أن تُنجَز المعاملة؟',
    'ما هي الجهة المختصة بذلك؟',
  ],
  suggestion: [
    'أقترح إتاحة الخدمة إلكترونياً بالكامل عبر تطبيق سند.',
    'أقترح تمديد ساعات الدوام مساءً لخدمة الموظفين.',
    'أقترح إرسال رسالة نصية بحالة الطلب.',
  ],
  compliment: [
    'أتقدم بالشكر الجزيل للموظفين على حسن التعامل وسرعة الإنجاز.',
    'كل الشكر والتقدير على المتابعة الحثيثة.',
  ],
  report: ['أرجو إرسال فريق للكشف على الموقع.', 'أبلغ عن ذلك حرصاً على السلامة العامة.', 'يرجى اتخاذ الإجراء اللازم.'],
};

const TITLE_PREFIX: Record<ApplicationType, readonly string[]> = {
  complaint: ['شكوى بخصوص', 'تأخر في', 'مشكلة في'],
  inquiry: ['استفسار عن', 'سؤال حول', 'الاستعلام عن'],
  suggestion: ['اقتراح لتحسين', 'مقترح بشأن'],
  compliment: ['شكر وتقدير:', 'إشادة بخدمة'],
  report: ['بلاغ عن', 'إبلاغ بخصوص'],
};

const EN_TOPICS = [
  ['Delay in passport renewal', 'my passport renewal has been pending for longer than the published service time'],
  ['Water cut in our area', 'the water has been cut in our neighbourhood for a week'],
  ['Health centre appointment', 'the specialist clinic gives appointments two months ahead'],
  ['Work permit renewal', 'the work permit renewal request has been under review for weeks'],
  ['Street lighting', 'the street lights on our street have been out for a month'],
] as const;

/** A citizen's application as they would write it: ~95% Arabic, varied by type, sector and pillar. */
export function composeCaseText(rng: SeedRandom, input: CaseTextInput): CaseText {
  if (rng.chance(0.05)) return composeEnglish(rng, input);
  const [subject, matter] = rng.pick(TOPICS[input.sector]);
  const place = rng.pick(PLACES);
  const reference = rng.chance(0.4) ? ` رقم المعاملة ${rng.int(100000, 999999)}.` : '';
  const title = `${rng.pick(TITLE_PREFIX[input.type])} ${subject}`.slice(0, 80);
  const sentence =
    input.type === 'compliment'
      ? `راجعت ${input.entityNameAr} في ${place} ${rng.pick(DURATIONS)} بخصوص ${subject}، وتمت خدمتي بسرعة واحترام.`
      : input.type === 'suggestion'
        ? `بخصوص ${subject} لدى ${input.entityNameAr} في ${place}: لاحظت أن ${matter}.`
        : `${matter} في ${place}، ${rng.pick(DURATIONS)}، ${rng.pick(PILLAR_DETAIL[input.pillar])}. الجهة المعنية: ${input.entityNameAr}.`;
  const body = [rng.pick(OPENINGS), sentence + reference, rng.pick(CLOSINGS[input.type])].filter(Boolean).join(' ');
  return { title, body: body.slice(0, 450), language: 'ar' };
}

function composeEnglish(rng: SeedRandom, input: CaseTextInput): CaseText {
  const [subject, matter] = rng.pick(EN_TOPICS);
  const ask =
    input.type === 'inquiry'
      ? 'Could you tell me which documents are required and how long it takes?'
      : input.type === 'compliment'
        ? 'I would like to thank the staff for their help and courtesy.'
        : 'Please look into this and let me know what will be done.';
  const body = `Hello, ${matter} (${input.entityNameEn}). I have followed up more than once without an answer. ${ask}`;
  return { title: subject, body: body.slice(0, 450), language: 'en' };
}

const ANSWERS_AR = [
  'تم التواصل مع المواطن وحل المشكلة، ونشكر لكم ملاحظاتكم.',
  'نفيدكم بأنه تم تحويل الطلب إلى القسم المختص وسيتم التواصل معكم خلال يومي عمل.',
  'تمت معالجة الطلب وإنجاز المعاملة، ويمكنكم مراجعة المديرية لاستلامها.',
  'نرجو تزويدنا برقم المعاملة وصورة عن الوثيقة لاستكمال الإجراءات.',
  'تم الكشف على الموقع وإصلاح العطل، مع الشكر لتعاونكم.',
];
const ANSWERS_EN = [
  'We contacted you and the issue has been resolved. Thank you for your feedback.',
  'Your request was forwarded to the competent department; we will contact you within two working days.',
];

/** A focal point's reply, in the language of the case. */
export function composeAnswer(rng: SeedRandom, input: { type: ApplicationType; language: 'ar' | 'en' }): string {
  const answer = rng.pick(input.language === 'ar' ? ANSWERS_AR : ANSWERS_EN);
  return input.type === 'compliment' && input.language === 'ar' ? `نشكر لكم كلماتكم الطيبة. ${answer}` : answer;
}
