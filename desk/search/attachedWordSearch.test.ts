import { describe, expect, it } from 'vitest';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { QueueReader } from '../queue/queueReader';
import { QueueQuery } from '../../shared/contract/deskContract';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import { caseRecord } from '../../tests/support/caseRecordFixture';
import { buildSearch } from '../../tests/support/buildSearch';

/**
 * What an operator types, and a line of a complaint it must find: the word
 * with the article, a conjunction or a preposition attached, as citizens
 * write. Each line is its own case.
 */
const MUST_FIND: [query: string, text: string][] = [
  ['كهرباء', 'انقطاع الكهرباء عن الحي منذ يومين'],
  ['كهرباء', 'مشكلة بالكهرباء في المنزل منذ أسبوع'],
  ['كهرباء', 'نطالب بحل مشكلة الانقطاع وللكهرباء فاتورة مرتفعة'],
  ['كهرباء منزل', 'تذبذب الكهرباء بالمنزل يتلف الأجهزة'],
  ['مواطن', 'لا يوجد احترام للمواطن في المركز'],
  ['مواطن', 'أتقدم بهذه الشكوى كمواطن أردني'],
  ['مواطن', 'تأخير معاملات المواطنين في الدائرة'],
  ['مياه', 'انقطاع الكهرباء والمياه منذ الصباح'],
  ['مياه', 'فاتورة عالية للمياه هذا الشهر'],
  ['مياه', 'تسرب المياه من الخط الرئيسي'],
  ['شارع', 'حفرة كبيرة بالشارع الرئيسي'],
  ['شارع', 'إنارة معطلة بشارع الجامعة'],
  ['شارع', 'تراكم النفايات في الشارع'],
  ['مدرسة', 'تأخر وصول الكتب للمدرسة'],
  ['مدرسة', 'لا توجد تدفئة في المدرسة'],
  ['نفايات', 'الحاويات ممتلئة بالنفايات منذ أيام'],
  ['نفايات', 'تراكم النفايات أمام المنازل'],
  ['موظف', 'سوء معاملة من الموظف المختص'],
  ['موظف', 'شكوى بحق الموظفين في قسم الترخيص'],
  ['موظف', 'تكلمت للموظف المناوب ولم يرد'],
  ['موظف', 'فالموظف رفض استلام الطلب'],
  ['مستشفى', 'انتظار طويل في المستشفى الحكومي'],
  ['مستشفى', 'تأخر نقل المريض للمستشفى ساعتين'],
  ['طوارئ', 'لا يوجد طبيب في قسم الطوارئ'],
  ['طريق', 'حفريات بالطريق الصحراوي دون إشارات'],
  ['رسوم', 'الغرامات والرسوم غير واضحة'],
  ['مخالفة', 'وصلتني رسالة بالمخالفة رغم أنني لم أكن هناك'],
  ['هوية', 'فقدت جواز السفر والهوية'],
  ['بطاقة', 'تأخر تجديد البطاقة الذكية'],
  ['بلدية', 'لم تستجب البلدية للشكوى'],
  ['بلدية', 'موظف بالبلدية رفض استلام الطلب'],
  ['بلدية', 'قدمت شكوى للبلدية بخصوص الحفر'],
  ['بلدية', 'راجعت بلدية إربد ثلاث مرات'],
  ['وزارة', 'لم ترد الوزارة على كتابي'],
  ['وزارة', 'تقدمت بطلب للوزارة قبل شهر'],
  ['بلد', 'الخدمات سيئة في البلد'],
  ['حي', 'تجمع مياه الأمطار بالحي'],
  ['صرف صحي', 'فيضان الصرف الصحي في الحي'],
  ['مراجعة', 'طلبوا مني المراجعة مرة أخرى'],
  ['مراجعة', 'ذهبت لمراجعة الدائرة صباحاً'],
  ['سبب', 'تأخرت المعاملة بسبب النظام'],
  ['طلب', 'تقدمت بطلب إعفاء منذ شهر'],
  ['مواعيد', 'لا يوجد التزام بالمواعيد في العيادة'],
  ['إنارة', 'ضعف بالإنارة على الطريق'],
  ['شكوى', 'وشكوى أخرى لم يرد عليها أحد'],
  ['مشكلة', 'ومشكلة الصرف لم تحل حتى الآن'],
  ['متابعة', 'وللمتابعة يرجى الاتصال على الرقم'],
  ['ضمان', 'اشتراك بالضمان الاجتماعي متوقف'],
  ['سكان', 'معاناة كبيرة للسكان بسبب الروائح'],
  ['الكهرباء', 'عطل متكرر بالكهرباء في العمارة'],
  ['المياه', 'تسرب للمياه تحت الرصيف'],
  ['للمواطن', 'سوء معاملة المواطن في المركز'],
  ['بالشارع', 'حفرة عميقة في الشارع العام'],
  ['والمياه', 'المياه مقطوعة عن البيت'],
];

/** What must not be found: no word cut down into another. */
const MUST_NOT_FIND: [query: string, text: string][] = [
  ['طاقة', 'تأخر تجديد بطاقة الأحوال المدنية'],
  ['لديه', 'راجعت بلدية الزرقاء'],
  ['لد', 'أسوأ خدمة في بلد صغير'],
  ['هرب', 'انقطاع كهرباء متكرر'],
  ['جنة', 'لجنة الشكاوى لم تجتمع'],
  ['أمل', 'الأوراق كاملة ولم يقبلوا الطلب'],
  ['زار', 'لم ترد وزارة النقل'],
  ['الحي', 'حيث أن الموظف غائب'],
  ['الماء', 'ما زالت المشكلة قائمة'],
  ['بلدية', 'لديه مشكلة في الفاتورة'],
  ['ميه', 'كمية الخبز قليلة'],
];

const texts = [...new Set([...MUST_FIND, ...MUST_NOT_FIND].map(([, text]) => text))];
const numberOf = (text: string) => `BK-26-${String(texts.indexOf(text) + 1).padStart(7, '0')}`;
const record = (i: number, title: string, extra: Partial<CaseRecord> = {}) =>
  caseRecord({
    id: `018f0000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
    number: `BK-26-${String(i + 1).padStart(7, '0')}`,
    title,
    body: 'نص',
    applicantPhone: `+96279${String(i).padStart(7, '0')}`,
    seq: i + 1,
    ...extra,
  });

/** A replica holding `rows`, searched as the desk searches it: snapshot, then the background build. */
function replicaOf(rows: CaseRecord[]) {
  const { db } = openReplicaDatabase(':memory:');
  const store = new ReplicaStore(db);
  store.beginBootstrap('e', rows.length, { keepRows: false });
  store.writeSnapshotPage('cases', rows, rows.at(-1)!.id, true);
  store.completeBootstrap();
  buildSearch(db);
  return new QueueReader(db);
}

describe('search finds a word however it is attached', () => {
  const queue = replicaOf(texts.map((text, i) => record(i, text)));
  const found = (query: string) =>
    queue.page(QueueQuery.parse({ limit: 500, search: query })).rows.map((row) => row.number);

  it(`holds ${MUST_FIND.length} real pairs and ${MUST_NOT_FIND.length} that must not meet`, () => {
    expect(MUST_FIND.length).toBeGreaterThanOrEqual(40);
  });

  it.each(MUST_FIND)('%s finds «%s»', (query, text) => {
    expect(found(query)).toContain(numberOf(text));
  });

  it.each(MUST_NOT_FIND)('%s does not find «%s»', (query, text) => {
    expect(found(query)).not.toContain(numberOf(text));
  });
});

describe('search ranking and its total', () => {
  const ELECTRICITY = 'مشكلة بالكهرباء في المنزل';

  it('ranks by the word however it is attached: a case about it is among those shown when more match than are shown', () => {
    // 1,001 newer cases mention electricity once; the oldest is about it, with the word attached three ways.
    const about = 'انقطاع الكهرباء عن الحي وبالكهرباء تعمل المضخات وللكهرباء فاتورة لم تصل';
    const rows = Array.from({ length: 1002 }, (_, i) =>
      i === 0 ? record(i, about, { entityId: 'ent-gam' }) : record(i, ELECTRICITY),
    );
    const queue = replicaOf(rows);
    for (const search of ['كهرباء', 'الكهرباء']) {
      const page = queue.page(QueueQuery.parse({ limit: 10, search, filters: { entityId: ['ent-gam'] } }));
      expect(
        page.rows.map((row) => row.number),
        search,
      ).toEqual(['BK-26-0000001']);
    }
  });

  it('says a capped total is a lower bound ("1,000+"), and an exact one is exact', () => {
    const many = replicaOf(Array.from({ length: 1001 }, (_, i) => record(i, ELECTRICITY)));
    const capped = many.page(QueueQuery.parse({ limit: 100, search: 'كهرباء' }));
    expect(capped.total).toBe(1000);
    expect(capped.totalIsLowerBound).toBe(true);

    const exactly = replicaOf(Array.from({ length: 1000 }, (_, i) => record(i, ELECTRICITY)));
    const whole = exactly.page(QueueQuery.parse({ limit: 100, search: 'كهرباء' }));
    expect(whole.total).toBe(1000);
    expect(whole.totalIsLowerBound).toBe(false);
    // The queue without a search counts exactly, as it always has.
    expect(exactly.page(QueueQuery.parse({ limit: 100 })).totalIsLowerBound).toBeUndefined();
  });
});
