"""The illness catalogues for medical parole, as pure data (legal-spec §6).

* The **2014** list, "Scope of Serious Illnesses for Medical Parole" (保外就医严重疾病范围), the
  attachment of the Provisions on Temporary Execution outside Prison (P2014, 司发通〔2014〕112号),
  governs new cases (P2014 Art 5 ¶1(1)). Only the parts legal-spec §6.2 could confirm are
  listed; every item the spec does not mark as verified has ``confirmed=False`` and must be
  selected only with a warning and a free-text citation (§6.2, "Implementation rules").
* The **1990** list, "Scope of illness and disability of prisoners released on medical parole"
  (罪犯保外就医疾病伤残范围), the attachment of the repealed 1990 Measures (M1990, repealed by
  P2014 Art 34 on 2014-12-01), is kept for legacy records only (§6.1). Items 1-17 were
  cross-checked against a Chinese copy; items 18-30 rest on the seed's machine translation only,
  so they carry ``confirmed=False``.

Chinese names: the spec quotes the Chinese of the 2014 chapeau, of the 2014 category headings
I, III, IV, V, VII, VIII and IX and of 1990 item 9. Every other ``name_zh`` is our own faithful
rendering of the English and says so in ``note``; replace it with the official wording once the
official text is obtained (legal-spec §8 items 1-2).

Field lengths fit the ``IllnessCatalogueItem`` model (code 20, category 80, names 200).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CATEGORIES_2014",
    "CHAPEAU_2014_EN",
    "CHAPEAU_2014_ZH",
    "ENTRIES",
    "CatalogueEntry",
    "by_code",
    "entries",
]

#: The confirmed chapeau of the 2014 list (legal-spec §6.2).
CHAPEAU_2014_ZH = (
    "罪犯有下列严重疾病之一，久治不愈，严重影响其身心健康的，属于适用保外就医的疾病范围"
)
CHAPEAU_2014_EN = (
    "A prisoner with one of the following serious illnesses, not cured after long treatment and "
    "seriously affecting his physical and mental health, falls within the scope of illnesses for "
    "medical parole."
)

_OUR_ZH = "name_zh: our rendering, not the official wording."
_SEED_ONLY = "Rests on the seed's machine translation only (legal-spec §6.1: items 18-30)."
_LAW00_ONLY = "Single secondary source (law00.com) only (legal-spec §6.2)."

#: 2014 category numeral -> (Chinese heading, English heading, heading confirmed?).
CATEGORIES_2014: MappingProxyType[str, tuple[str, str, bool]] = MappingProxyType(
    {
        "I": ("严重传染病", "Severe infectious diseases", True),
        "II": ("精神疾病", "Mental illness", True),
        "III": ("严重器质性心血管疾病", "Severe organic cardiovascular disease", True),
        "IV": ("严重呼吸系统疾病", "Severe respiratory disease", True),
        "V": ("严重消化系统疾病", "Severe digestive disease", True),
        "VI": ("肾功能不全", "Renal insufficiency", False),
        "VII": ("严重神经系统疾病及损伤", "Severe nervous-system disease and injury", False),
        "VIII": (
            "严重内分泌代谢性疾病合并重要脏器功能障碍",
            "Severe endocrine/metabolic disease with important-organ dysfunction",
            False,
        ),
        "IX": ("严重血液系统疾病", "Severe haematological disease", False),
    }
)


@dataclass(frozen=True)
class CatalogueEntry:
    """One item of an illness catalogue (legal-spec §6)."""

    version: str
    code: str
    category: str
    name_zh: str
    name_en: str
    confirmed: bool
    note: str = ""


def _e1990(
    number: int, category: str, name_zh: str, name_en: str, *, note: str = _OUR_ZH
) -> CatalogueEntry:
    """A 1990 item: confirmed for items 1-17 (cross-checked), not for 18-30 (legal-spec §6.1)."""
    confirmed = number <= 17
    if not confirmed:
        note = f"{_SEED_ONLY} {note}"
    return CatalogueEntry("1990", f"1990-{number:02d}", category, name_zh, name_en, confirmed, note)


_ENTRIES_1990: tuple[CatalogueEntry, ...] = (
    _e1990(
        1,
        "Psychiatric",
        "经司法精神病鉴定确认的经常反复发作的精神病",
        "Psychoses: frequently recurring, confirmed by forensic psychiatric appraisal",
    ),
    _e1990(
        2,
        "Cardiovascular",
        "器质性心脏病（心功能三级以上）、心律失常或心肌梗塞后遗症",
        "Organic heart disease with cardiac function grade III or above; arrhythmia; "
        "post-infarction coronary insufficiency",
    ),
    _e1990(3, "Cardiovascular", "高血压病（三期）", "Hypertension, stage III"),
    _e1990(
        4,
        "Respiratory",
        "空洞型肺结核、支气管扩张及胸肺疾病（严重呼吸功能障碍）",
        "Cavitary pulmonary TB, bronchiectasis or pleuropulmonary disease with severe "
        "respiratory dysfunction",
    ),
    _e1990(5, "Digestive", "各种肝硬化失代偿期", "Liver cirrhosis, decompensated stage"),
    _e1990(
        6,
        "Renal",
        "慢性肾脏疾病（经治疗不能恢复的肾功能不全）",
        "Chronic kidney disease with renal insufficiency not recoverable after treatment",
    ),
    _e1990(
        7,
        "Neurological",
        "脑血管疾病及颅内器质性疾病（经治疗不愈，遗有肢体瘫痪、明显语言障碍或视力障碍）",
        "Cerebrovascular or intracranial organic disease leaving paralysis, marked language "
        "or visual disorder, not cured",
    ),
    _e1990(
        8,
        "Neurological",
        "脊髓疾病及周围神经疾病（肢体瘫痪、大小便失禁、生活不能自理）",
        "Spinal cord or peripheral nerve disease with paralysis, incontinence, inability to "
        "care for oneself",
    ),
    _e1990(
        9,
        "Neurological/psychiatric",
        "癫痫频繁大发作，伴有精神障碍者",
        "Epilepsy: frequent grand-mal seizures with mental disorder",
        note="name_zh as quoted in legal-spec §6.1 (the seed translation drops 'epilepsy').",
    ),
    _e1990(
        10,
        "Endocrine/metabolic",
        "糖尿病合并心、脑、肾病变或严重继发感染",
        "Diabetes with heart, brain or kidney lesions or serious secondary infection",
    ),
    _e1990(
        11,
        "Immune/connective tissue",
        "胶原性疾病（造成脏器功能障碍，治疗无效）",
        "Collagen diseases causing organ dysfunction, treatment ineffective",
    ),
    _e1990(
        12,
        "Endocrine",
        "内分泌腺疾病（难以治愈，丧失劳动能力）",
        "Endocrine gland diseases, difficult to cure, with loss of ability to work",
    ),
    _e1990(13, "Haematological", "白血病、再生障碍性贫血", "Leukaemia, aplastic anaemia"),
    _e1990(
        14,
        "Parasitic",
        "寄生虫病侵犯重要脏器（继发损害，生活不能自理）",
        "Parasitic disease of vital organs with secondary damage and inability to care for oneself",
    ),
    _e1990(
        15,
        "Surgical/trauma",
        "重要脏器损伤或手术后遗有严重功能障碍",
        "Vital-organ injury, or serious dysfunction after surgery, with loss of ability to work",
    ),
    _e1990(
        16,
        "Surgical/digestive",
        "腹部手术后严重并发症（如严重粘连性肠梗阻，反复发作）",
        "Serious complications after abdominal surgery (e.g. recurrent adhesive obstruction)",
    ),
    _e1990(
        17,
        "Surgical",
        "一侧器官切除，对侧有病变或明显功能障碍",
        "Unilateral organ resection with lesions or marked dysfunction on the other side",
    ),
    _e1990(
        18,
        "Trauma/urology",
        "骨盆骨折合并尿道损伤（关节运动障碍或长期尿道狭窄）",
        "Pelvic fracture with urethral injury: joint dysfunction or long-term urethral stricture",
    ),
    _e1990(
        19,
        "Neuro-trauma",
        "脑、脊髓损伤后遗症（痴呆、失语、截瘫、大小便失禁）",
        "Brain or spinal-cord injury sequelae: dementia, aphasia, paraplegia, incontinence",
    ),
    _e1990(
        20,
        "Disability/limbs",
        "双上肢、双下肢或一上肢一下肢截肢或功能丧失",
        "Amputation or loss of function of both upper, both lower, or one upper and one lower limb",
    ),
    _e1990(
        21,
        "Disability/hands",
        "双手致残，手指缺损六个以上（必须包括拇指全缺）",
        "Loss of 6 or more fingers of both hands, including complete loss of the thumb(s)",
        note=f"'More than six' read as 6 or more [unverified]. {_OUR_ZH}",
    ),
    _e1990(
        22,
        "Disability/joints",
        "两个以上大关节强直（相当于两肢功能丧失）",
        "Ankylosis of 2 or more major joints, equivalent to loss of function of two limbs",
        note=f"The seed's spinal-cord clause is unclear [unverified]. {_OUR_ZH}",
    ),
    _e1990(
        23,
        "Oncology",
        "各种恶性肿瘤经治疗未见好转",
        "Malignant tumours not improved by treatment",
    ),
    _e1990(
        24,
        "Oncology",
        "其他肿瘤（严重影响机体功能，不能根治或不能手术）",
        "Other tumours seriously affecting body function, not curable or inoperable",
    ),
    _e1990(
        25,
        "Sensory",
        "外伤性失明或接近失明；内耳损伤或疾病致平衡障碍",
        "Traumatic blindness or near-blindness; unrecoverable imbalance from inner-ear disorder",
    ),
    _e1990(
        26,
        "Maxillofacial",
        "上、下颌骨损伤（语言不清与严重咀嚼障碍同时存在）",
        "Jaw injury with both slurred speech and serious chewing disorder",
    ),
    _e1990(
        27,
        "Occupational",
        "尘肺（二、三期）、职业中毒及职业性放射病",
        "Pneumoconiosis stage II-III, occupational poisoning sequelae, occupational radiation "
        "sickness",
    ),
    _e1990(
        28,
        "Combined",
        "同时患有两种以上疾病，其中一种接近上述疾病程度",
        "Two or more diseases at once, one close to the degree of the items above",
    ),
    _e1990(
        29,
        "Infectious",
        "艾滋病病毒抗体阳性",
        "HIV positive",
        note=f"The seed's 'Twenty-nine years old' mistranslates the item number. {_OUR_ZH}",
    ),
    _e1990(30, "Catch-all", "其他需要保外就医的疾病", "Other diseases that need medical parole"),
)


def _e2014(
    code: str, name_zh: str, name_en: str, confirmed: bool, note: str = _OUR_ZH
) -> CatalogueEntry:
    """A 2014 item; its category is the Roman numeral in its code (legal-spec §6.2)."""
    category = code.split("-")[1]
    return CatalogueEntry("2014", code, category, name_zh, name_en, confirmed, note)


_ENTRIES_2014: tuple[CatalogueEntry, ...] = (
    _e2014(
        "2014-I-1",
        "肺结核（空洞伴反复咯血或多脏器并发症）、结核性脑膜炎",
        "Pulmonary TB with cavitation and repeated haemoptysis or multi-organ complications; "
        "tuberculous meningitis",
        True,
    ),
    _e2014(
        "2014-I-2",
        "急性、亚急性或慢性重型病毒性肝炎",
        "Viral hepatitis: acute, subacute or chronic severe",
        True,
    ),
    _e2014(
        "2014-I-3",
        "艾滋病病毒感染者和艾滋病病人（伴机会性感染需住院治疗）",
        "HIV/AIDS with opportunistic infections requiring hospitalisation",
        True,
    ),
    _e2014(
        "2014-I-4",
        "其他传染病（如三期梅毒并发重要器官病变等），监狱医院不具备治疗条件",
        "Other infectious diseases (e.g. stage III syphilis with major-organ lesions) the prison "
        "hospital cannot treat",
        True,
    ),
    _e2014(
        "2014-II",
        "反复发作的精神疾病，无服刑能力（有严重暴力行为或倾向者除外）",
        "Recurrent mental illness without capacity to serve the sentence (violent patients "
        "excluded)",
        True,
        note=f"Heading 'Mental illness' has no Chinese in the spec. {_OUR_ZH}",
    ),
    _e2014(
        "2014-III-1",
        "心功能不全（心功能三级以上，经规范治疗未改善）",
        "Cardiac insufficiency: NYHA class III or above, not improved after standard treatment",
        True,
    ),
    _e2014(
        "2014-III-2",
        "严重心律失常（如二度以上房室传导阻滞等）",
        "Severe arrhythmia (e.g. AV block 2nd degree or above, paroxysmal ventricular tachycardia)",
        True,
    ),
    _e2014(
        "2014-III-3",
        "急性冠状动脉综合征；冠心病反复发作严重心绞痛",
        "Acute coronary syndrome; recurrent severe angina with severe coronary insufficiency",
        True,
    ),
    _e2014(
        "2014-III-4",
        "高血压病（很高危，伴靶器官受损）",
        "Hypertension at the very-high-risk level with target-organ damage",
        True,
        note=f"The annotation defining target-organ damage was not retrieved. {_OUR_ZH}",
    ),
    _e2014(
        "2014-III-5",
        "主动脉瘤、主动脉夹层动脉瘤等心血管动脉瘤及心脏肿瘤",
        "Aortic or other cardiovascular aneurysm, or cardiac tumour, needing surgery or "
        "seriously life-threatening",
        True,
    ),
    _e2014(
        "2014-III-6",
        "急性肺栓塞",
        "Acute pulmonary embolism",
        False,
        note=f"{_LAW00_ONLY} {_OUR_ZH}",
    ),
    _e2014(
        "2014-IV-1",
        "呼吸功能障碍（中度以上，经规范治疗未改善）",
        "Respiratory dysfunction, moderate or worse, not improved after standard treatment",
        False,
        note=f"{_LAW00_ONLY} {_OUR_ZH}",
    ),
    _e2014(
        "2014-IV-2",
        "哮喘持续状态（反复发作，动脉血氧分压低于60mmHg）",
        "Status asthmaticus: recurrent, PaO2 < 60 mmHg, not improved after standard treatment",
        False,
        note=f"{_LAW00_ONLY} {_OUR_ZH}",
    ),
    _e2014(
        "2014-IV-3",
        "支气管扩张伴反复咯血（经规范治疗未改善）",
        "Bronchiectasis with repeated haemoptysis, not improved after standard treatment",
        False,
        note=(
            "The spec lists it as '2014-IV-?': named only in a category summary; the exact item "
            f"and its number are unconfirmed. {_OUR_ZH}"
        ),
    ),
    _e2014(
        "2014-V-1",
        "肝硬化失代偿期",
        "Liver cirrhosis, decompensated stage",
        False,
        note=f"{_LAW00_ONLY} {_OUR_ZH}",
    ),
    _e2014(
        "2014-V-2",
        "急性出血坏死性胰腺炎",
        "Acute haemorrhagic necrotising pancreatitis",
        False,
        note=f"law00.com and a category summary only (legal-spec §6.2). {_OUR_ZH}",
    ),
    _e2014(
        "2014-V-3",
        "肝衰竭（急性、亚急性、慢加急性或慢性）",
        "Liver failure: acute, subacute, acute-on-chronic or chronic",
        False,
        note=f"{_LAW00_ONLY} {_OUR_ZH}",
    ),
    _e2014(
        "2014-V-4",
        "消化道反复出血（推测）",
        "Probably recurrent gastrointestinal bleeding (source text truncated)",
        False,
        note=f"Source truncated at '消化道反…'; the item is a guess (legal-spec §6.2). {_OUR_ZH}",
    ),
    _e2014(
        "2014-VI",
        "急、慢性肾脏疾病所致肾功能不全失代偿期",
        "Renal insufficiency in the decompensated stage from acute or chronic kidney disease",
        False,
        note=(
            "Heading from a category summary; the Roman numeral is inferred (legal-spec §6.2). "
            f"{_OUR_ZH}"
        ),
    ),
    _e2014(
        "2014-VII",
        "严重神经系统疾病及损伤（如脑出血、蛛网膜下腔出血等）",
        "Severe nervous-system disease and injury (e.g. cerebral or subarachnoid haemorrhage)",
        False,
        note="Heading only; sub-items not retrieved; Roman numeral inferred (legal-spec §6.2).",
    ),
    _e2014(
        "2014-VIII",
        "严重内分泌代谢性疾病合并重要脏器功能障碍",
        "Severe endocrine/metabolic disease with important-organ dysfunction (e.g. pituitary "
        "tumour, diabetes insipidus)",
        False,
        note="Heading only; sub-items not retrieved; Roman numeral inferred (legal-spec §6.2).",
    ),
    _e2014(
        "2014-IX",
        "严重血液系统疾病（如再生障碍性贫血、白血病、骨髓增生异常综合征）",
        "Severe haematological disease (e.g. aplastic anaemia, leukaemia, myelodysplastic "
        "syndrome)",
        False,
        note="Heading only; sub-items not retrieved; Roman numeral inferred (legal-spec §6.2).",
    ),
)

#: Every catalogue entry: the 2014 list (in force) first, then the repealed 1990 list.
ENTRIES: tuple[CatalogueEntry, ...] = _ENTRIES_2014 + _ENTRIES_1990

_BY_CODE: MappingProxyType[str, CatalogueEntry] = MappingProxyType({e.code: e for e in ENTRIES})


def by_code(code: str) -> CatalogueEntry | None:
    """The entry with this code (e.g. "2014-III-4"), or None when there is none."""
    return _BY_CODE.get(code)


def entries(version: str) -> tuple[CatalogueEntry, ...]:
    """The entries of one version, "2014" or "1990", in list order."""
    return tuple(entry for entry in ENTRIES if entry.version == version)
