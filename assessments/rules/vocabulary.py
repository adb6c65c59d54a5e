"""Vocabularies that find the expressive elements a prompt fixes (F2), in English and Chinese.

Li v. Liu counted the plaintiff's choices of subject, appearance, pose, composition, lighting and
style as expression the prompts fixed; the Zhangjiagang court asked for "layout, proportion,
perspective, composition, colour or lines". Generic quality words ("masterpiece, best quality,
8k") fix nothing of the picture and are not counted (Huangpu 2025: lists of conventional terms
are not expression).

The number, size, proportion and shape of the things depicted are a category of their own
("proportion"): the Changshu court (2024, "Companion Heart") protected an image made on iterated
Midjourney prompts that set the balloon's number, size and shape, and Zhangjiagang 2025 names
proportion among the choices that count. Such words are also the commonest false friends, so
they count only where they describe a depicted thing:

* a count is a number of two or more or a word of multiplicity followed by a word for a thing
  ("two balloons", "3 cats", "several boats"), never by a unit or a setting ("8 k", "30 steps",
  "score_8_up"); in Chinese a number with its measure word ("两个", "三只"); a phrase of
  multiplicity ("a pair of", "一群"); a danbooru count tag ("2girls"). "One", "1" and "一个" are
  what a singular noun says anyway and fix no number ("one of the best", "1girl", "一个少女");
* a size or shape word followed by a word for the file or the medium speaks of the picture, not
  of what it shows ("large file", "large language model", "square format", "图片尺寸"), and a
  few fixed names are not sizes or shapes ("giant panda", "Times Square"); "high resolution"
  stays a generic quality word;
* a bare "the shape of …" is read as a name, commonly a title ("The Shape of Water"), not as a
  shape: a prompt that sets a shape attaches it ("in the shape of a heart", "shape of a pink
  butterfly", "heart-shaped", "心形").

A revision that changes a count, a size or a shape changes the prompt's ``substance`` (two small
balloons made one large one is a new instruction); reordering tags or changing their weights
does not.
"""

import re
from functools import lru_cache

CATEGORIES: dict[str, tuple[str, ...]] = {
    "subject": (
        "girl",
        "boy",
        "woman",
        "man",
        "child",
        "people",
        "person",
        "cat",
        "dog",
        "fox",
        "bird",
        "horse",
        "dragon",
        "robot",
        "knight",
        "castle",
        "house",
        "city",
        "tree",
        "flower",
        "lighthouse",
        "ship",
        "car",
        "chair",
        "balloon",
        "heart",
        "portrait of",
        "character",
        "animal",
        "monster",
        "warrior",
        "princess",
        "idol",
        "figure",
        "couple",
        "crowd",
        "女孩",
        "男孩",
        "女人",
        "男人",
        "少女",
        "猫",
        "狗",
        "狐狸",
        "龙",
        "城堡",
        "房子",
        "城市",
        "树",
        "花",
        "椅子",
        "气球",
        "人物",
        "角色",
        "偶像",
        "机器人",
        "骑士",
        "公主",
        "鸟",
        "马",
    ),
    "appearance": (
        "hair",
        "eyes",
        "face",
        "skin",
        "dress",
        "coat",
        "wearing",
        "outfit",
        "smile",
        "freckles",
        "beard",
        "makeup",
        "uniform",
        "armor",
        "armour",
        "texture",
        "jelly",
        "glass",
        "wings",
        "tall",
        "slim",
        "curvy",
        "symmetrical",
        "freckled",
        "blonde",
        "brunette",
        "头发",
        "长发",
        "短发",
        "眼睛",
        "脸",
        "皮肤",
        "连衣裙",
        "外套",
        "穿着",
        "微笑",
        "雀斑",
        "胡子",
        "妆",
        "制服",
        "盔甲",
        "质感",
        "翅膀",
        "五官",
    ),
    "pose": (
        "standing",
        "sitting",
        "lying",
        "running",
        "walking",
        "dancing",
        "jumping",
        "pose",
        "looking at",
        "looking back",
        "arms",
        "hand up",
        "hands",
        "kneeling",
        "leaning",
        "holding",
        "signing",
        "spread arms",
        "from behind",
        "站着",
        "站在",
        "站立",
        "坐在",
        "坐着",
        "躺着",
        "奔跑",
        "行走",
        "跳舞",
        "姿势",
        "回头",
        "举手",
        "双手",
        "跪",
        "倚靠",
        "拿着",
    ),
    "composition": (
        "close-up",
        "closeup",
        "full body",
        "upper body",
        "wide shot",
        "centered",
        "symmetry",
        "rule of thirds",
        "foreground",
        "in the background",
        "from above",
        "from below",
        "bird's eye",
        "low angle",
        "high angle",
        "portrait orientation",
        "panorama",
        "framing",
        "layout",
        "perspective",
        "half",
        "floating",
        "on the left",
        "on the right",
        "特写",
        "全身",
        "半身",
        "构图",
        "前景",
        "俯视",
        "仰视",
        "居中",
        "对称",
        "全景",
        "透视",
        "布局",
        "漂浮",
    ),
    "lighting": (
        "lighting",
        "light",
        "sunlight",
        "backlight",
        "rim light",
        "golden hour",
        "dusk",
        "dawn",
        "night",
        "shadow",
        "shadows",
        "glow",
        "neon",
        "moonlight",
        "soft light",
        "dramatic light",
        "volumetric",
        "sunset",
        "sunrise",
        "光线",
        "阳光",
        "逆光",
        "黄昏",
        "黎明",
        "夜晚",
        "阴影",
        "霓虹",
        "月光",
        "柔光",
        "日落",
        "日出",
    ),
    "style": (
        "oil painting",
        "watercolor",
        "watercolour",
        "anime",
        "photorealistic",
        "realistic",
        "sketch",
        "illustration",
        "art nouveau",
        "impressionist",
        "surreal",
        "cyberpunk",
        "ukiyo-e",
        "pixel art",
        "3d render",
        "digital painting",
        "brushstrokes",
        "painterly",
        "style",
        "photo",
        "photograph",
        "cinematic",
        "comic",
        "manga",
        "ink",
        "油画",
        "水彩",
        "动漫",
        "写实",
        "素描",
        "插画",
        "超现实",
        "赛博朋克",
        "浮世绘",
        "国风",
        "水墨",
        "风格",
        "照片",
        "摄影",
        "电影感",
        "漫画",
    ),
    "camera": (
        "35mm",
        "50mm",
        "85mm",
        "lens",
        "bokeh",
        "depth of field",
        "dslr",
        "film grain",
        "kodak",
        "fujifilm",
        "f/1.8",
        "f/2.8",
        "iso",
        "shutter",
        "raw photo",
        "polaroid",
        "tracking camera",
        "镜头",
        "景深",
        "胶片",
        "胶卷",
        "焦距",
    ),
    "colour": (
        "red",
        "blue",
        "green",
        "yellow",
        "pink",
        "purple",
        "orange",
        "black and white",
        "monochrome",
        "pastel",
        "vivid colors",
        "vivid colours",
        "muted",
        "golden",
        "silver",
        "white",
        "black",
        "teal",
        "colour palette",
        "color palette",
        "红色",
        "蓝色",
        "绿色",
        "黄色",
        "粉色",
        "紫色",
        "橙色",
        "黑白",
        "单色",
        "金色",
        "银色",
        "白色",
        "黑色",
        "色调",
        "色彩",
    ),
    "background": (
        "background",
        "landscape",
        "mountains",
        "forest",
        "beach",
        "ocean",
        "sea",
        "sky",
        "clouds",
        "street",
        "room",
        "office",
        "conference room",
        "garden",
        "park",
        "winter",
        "snow",
        "desert",
        "interior",
        "scenery",
        "water",
        "lake",
        "river",
        "space",
        "背景",
        "风景",
        "山",
        "森林",
        "海滩",
        "海",
        "天空",
        "云",
        "街道",
        "房间",
        "办公室",
        "花园",
        "公园",
        "冬天",
        "雪",
        "沙漠",
        "水面",
        "湖",
        "河",
        "室内",
    ),
    # Number, size, proportion and shape of the depicted things (Changshu 2024; Zhangjiagang
    # 2025). Numbers before a thing ("two", "3") are counted by ``_is_count``, "-shaped" and
    # "heart shape" by ``_is_shape``, Chinese numbers with a measure word and "X形的" by
    # ``_CJK_RULES``.
    "proportion": (
        "small",
        "large",
        "big",
        "huge",
        "giant",
        "gigantic",
        "enormous",
        "massive",
        "tiny",
        "miniature",
        "oversized",
        "colossal",
        "immense",
        "microscopic",
        "life-size",
        "life-sized",
        "smaller",
        "larger",
        "bigger",
        "smallest",
        "largest",
        "biggest",
        "proportion",
        "proportions",
        "round",
        "square",
        "circular",
        "triangular",
        "rectangular",
        "oval",
        "spherical",
        "cubic",
        "cylindrical",
        "conical",
        "hexagonal",
        "octagonal",
        "crescent",
        "spiral",
        "shaped like",
        "shape of",
        "in shape of",
        "in the shape of",
        "with the shape of",
        "into the shape of",
        "a pair of",
        "pair of",
        "a couple of",
        "a group of",
        "a row of",
        "rows of",
        "a few",
        "a dozen",
        "a handful of",
        "dozens of",
        "hundreds of",
        "thousands of",
        "一对",
        "一双",
        "一群",
        "一排",
        "成对",
        "成群",
        "半个",
        "半颗",
        "巨大",
        "巨型",
        "庞大",
        "硕大",
        "超大",
        "大型",
        "小型",
        "微型",
        "微小",
        "迷你",
        "袖珍",
        "细小",
        "小小的",
        "大大的",
        "大小",
        "尺寸",
        "比例",
        "形状",
        "心形",
        "心型",
        "爱心形",
        "圆形",
        "方形",
        "正方形",
        "长方形",
        "矩形",
        "三角形",
        "星形",
        "五角星",
        "菱形",
        "椭圆",
        "球形",
        "环形",
        "扇形",
        "锥形",
        "圆柱",
        "半圆",
        "月牙",
        "新月",
        "弯月",
        "螺旋",
    ),
}

# Quality and boilerplate terms: they ask for "a good picture", not for this picture.
GENERIC_TERMS: tuple[str, ...] = (
    "masterpiece",
    "best quality",
    "high quality",
    "amazing quality",
    "highest quality",
    "ultra detailed",
    "highly detailed",
    "extremely detailed",
    "detailed",
    "8k",
    "4k",
    "hd",
    "uhd",
    "hdr",
    "absurdres",
    "highres",
    "very aesthetic",
    "aesthetic",
    "newest",
    "safe",
    "general",
    "rating:general",
    "trending on artstation",
    "award winning",
    "sharp focus",
    "professional",
    "beautiful",
    "stunning",
    "epic",
    "perfect",
    "intricate",
    "high resolution",
    "杰作",
    "最佳质量",
    "高质量",
    "高清",
    "超高清",
    "精细",
    "细节",
    "完美",
    "美丽",
)

# Counts: a number of two or more, or a word of multiplicity, before the word for a thing.
_COUNT_WORDS = frozenset(
    (
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "twenty thirty forty fifty hundred thousand dozen several multiple many numerous countless"
    ).split()
)
# Words after a number that are a unit, a setting or the picture itself, not a depicted thing.
_NOT_A_THING = frozenset(
    (
        "k p x d s th st nd rd mm cm m km px mp dpi ppi fps bit bits kb mb gb iso percent "
        "inch inches foot feet ft meter meters metre metres mile miles year years yr yrs "
        "month months week weeks day days hour hours minute minutes second seconds "
        "steps step cfg seed seeds sampler batch version v up of the and or to in on at by "
        "times time point points dimensional tone toned quarter quarters thirds "
        "image images picture pictures variation variations output outputs result results "
        "render renders sample samples option options frames detail details "
        "ar aspect chaos stylize quality niji iw weird tile style styles"
    ).split()
)
# Words for the file, the medium, the model or the finish: a size or shape word before them
# speaks of the picture, not of what it shows ("large file", "small details").
_MEDIUM_WORDS = (
    "file files image images picture pictures photo resolution format print size canvas crop "
    "aspect ratio thumbnail wallpaper language model models data dataset batch prompt font "
    "aperture sensor detail details"
).split()
# Fixed names and idioms in which a size, shape or count word describes no depicted thing.
_NAMES = (
    "the shape of",
    "giant panda",
    "giant pandas",
    "big ben",
    "big bang",
    "big data",
    "big brother",
    "small talk",
    "times square",
    "town square",
    "city square",
    "village square",
    "market square",
    "public square",
    "main square",
    "square meter",
    "square meters",
    "square metre",
    "square metres",
    "square feet",
    "square foot",
    "square mile",
    "square miles",
    "oval office",
    "all round",
    "year round",
    "round trip",
    "round of",
)
_NOT_EXPRESSIVE_LATIN = frozenset(_NAMES) | {
    f"{word} {medium}"
    for word in CATEGORIES["proportion"]
    if word.isascii() and " " not in word
    for medium in _MEDIUM_WORDS
}
# The same in Chinese: the picture's size or proportion, and a model's name.
_NOT_EXPRESSIVE_CJK = sorted(
    {
        f"{medium}{word}"
        for medium in ("图片", "图像", "画面", "画幅", "画布", "文件", "壁纸", "宽高", "长宽")
        for word in ("尺寸", "大小", "比例")
    }
    # 大小姐 a character type (young lady), 数位(板) a drawing tablet.
    | {"大尺寸图片", "大尺寸图像", "大尺寸壁纸", "大型语言模型", "大小姐", "数位"},
    key=len,
    reverse=True,
)
_CJK_COUNT = re.compile(
    r"(?:[两二三四五六七八九十百千几数多]|(?<![\d.])(?:[2-9]|[1-9]\d{1,2})(?![\d.]))"
    r"[个只朵座棵位名条颗匹头把对双群排枚根片艘架辆栋块]"
)
# "X形的" as "X-shaped"; not where 形 belongs to another word (地形 terrain, 外形 outline...).
_CJK_SHAPED = re.compile(r"(?![地外人隐变情图无畸整身体字原成有])[\u4e00-\u9fff]形的")
_DANBOORU_COUNT = re.compile(r"(\d{1,3})([a-z]{3,}s)")  # 2girls, 3boys, 2others
_FUNCTION_WORDS = frozenset("a an the of in on good great bad perfect any no some its".split())

_TOKEN_SPLIT = re.compile(r"[,，、;；\n|]+")
_WEIGHTS = re.compile(r"[()\[\]{}]|:\s*-?\d+(?:\.\d+)?|<[^>]*>")


_WORD = re.compile(r"[a-z0-9][a-z0-9/.'+-]*")
MAX_TERM_WORDS = 4


def _split_terms(terms: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    latin = {t: t for t in terms if t.isascii()}
    cjk = sorted((t for t in terms if not t.isascii()), key=len, reverse=True)
    return latin, cjk


# Latin terms are looked up as word n-grams (a dictionary hit per n-gram, no regex per term);
# Chinese terms, written without spaces, are found as substrings.
_LATIN: dict[str, list[str]] = {}
_CJK: dict[str, list[str]] = {}
for _category, _terms in CATEGORIES.items():
    _latin, _cjk = _split_terms(_terms)
    for _term in _latin:
        _LATIN.setdefault(" ".join(_WORD.findall(_term)), []).append(_category)
    _CJK[_category] = _cjk
_GENERIC_LATIN = {" ".join(_WORD.findall(t)) for t in GENERIC_TERMS if t.isascii()}
_GENERIC_CJK = [t for t in GENERIC_TERMS if not t.isascii()]
_NOT_COUNTED_LATIN = _GENERIC_LATIN | _NOT_EXPRESSIVE_LATIN
_CJK_NOT_COUNTED = re.compile(
    "|".join(
        re.escape(t) for t in sorted(_GENERIC_CJK + _NOT_EXPRESSIVE_CJK, key=len, reverse=True)
    )
)
_CJK_RULES = re.compile(f"{_CJK_COUNT.pattern}|{_CJK_SHAPED.pattern}")


def clean(prompt: str) -> str:
    """Lower-case, prompt weights and LoRA tags removed, separators unified."""
    text = _WEIGHTS.sub(" ", prompt.lower())
    return re.sub(r"\s+", " ", text.replace("_", " ")).strip()


def terms(prompt: str) -> list[str]:
    return [t.strip() for t in _TOKEN_SPLIT.split(clean(prompt)) if t.strip()]


def _ngrams(words: list[str]) -> list[tuple[int, int, str]]:
    found = []
    for size in range(MAX_TERM_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            found.append((start, size, " ".join(words[start : start + size])))
    return found


def _is_thing(word: str) -> bool:
    """Whether a word after a number can name what is counted (not a unit, setting or digit)."""
    word = word.rstrip(".")
    return word.replace("-", "").isalpha() and len(word) > 1 and word not in _NOT_A_THING


def _is_count(words: list[str], index: int) -> bool:
    """A number of two or more before the word for a thing: "two balloons", "3 cats", "2girls".
    "One" or "1" is what the singular says anyway and fixes no number."""
    word = words[index]
    tagged = _DANBOORU_COUNT.fullmatch(word)
    if tagged:
        return int(tagged[1]) >= 2 and tagged[2] not in _NOT_A_THING
    number = word in _COUNT_WORDS or (word.isdigit() and len(word) <= 3 and int(word) >= 2)
    return number and index + 1 < len(words) and _is_thing(words[index + 1])


def _is_shape(words: list[str], index: int) -> bool:
    """ "heart-shaped", or "heart shape(d)" / "star shapes" after a word that is not a function
    word ("in good shape" sets no shape)."""
    word = words[index].rstrip(".")
    if word.endswith("-shaped") and len(word) > len("-shaped"):
        return True
    return (
        word in ("shape", "shapes", "shaped")
        and index > 0
        and words[index - 1] not in _FUNCTION_WORDS
    )


_IRREGULAR_PLURALS = {"women": "woman", "men": "man", "children": "child", "people": "person"}


def _singular(gram: str) -> str:
    """The n-gram with its last word in the singular ("heart balloons" -> "heart balloon"), so a
    vocabulary of singular terms reads plural subjects; words that only look plural (dress,
    glass, series) are left alone."""
    head, _, last = gram.rpartition(" ")
    if last in _IRREGULAR_PLURALS:
        one = _IRREGULAR_PLURALS[last]
    elif len(last) > 4 and last.endswith("ies"):
        one = last[:-3] + "y"
    elif len(last) > 3 and last.endswith(("ches", "shes", "xes", "sses")):
        one = last[:-2]
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        one = last[:-1]
    else:
        return gram
    return f"{head} {one}" if head else one


def _latin_elements(words: list[str]) -> list[tuple[str, str]]:
    """Longest n-grams first; a generic term or a false friend takes its words out of reach."""
    used = [False] * len(words)
    hits: list[tuple[str, str]] = []
    for start, size, gram in _ngrams(words):
        if any(used[start : start + size]):
            continue
        if gram in _NOT_COUNTED_LATIN:
            used[start : start + size] = [True] * size
            continue
        categories = _LATIN.get(gram) or _LATIN.get(_singular(gram))
        if categories:
            hits += [(category, gram) for category in categories]
            used[start : start + size] = [True] * size
        elif (
            size == 1
            # A cheap first look, so that most words skip the rules.
            and (gram in _COUNT_WORDS or gram[0].isdigit() or "shape" in gram)
            and (_is_count(words, start) or _is_shape(words, start))
        ):
            hits.append(("proportion", gram))
            used[start] = True
    return hits


def _cjk_elements(chunk: str) -> list[tuple[str, str]]:
    chunk = _CJK_NOT_COUNTED.sub(" ", chunk)
    hits = [
        (category, term)
        for category, cjk_terms in _CJK.items()
        for term in cjk_terms
        if term in chunk
    ]
    found = dict.fromkeys(m[0] for m in _CJK_RULES.finditer(chunk))
    return hits + [("proportion", term) for term in found]


@lru_cache(maxsize=65536)
def _chunk_elements(chunk: str) -> tuple[tuple[str, str], ...]:
    """(category, term) pairs of one comma-separated part of a prompt. Prompts are built from
    such parts and iterations change a few of them, so each distinct part is read once."""
    hits = _latin_elements(_WORD.findall(chunk))
    if not chunk.isascii():
        hits += _cjk_elements(chunk)
    return tuple(hits)


@lru_cache(maxsize=8192)
def expressive_elements(prompt: str) -> dict[str, list[str]]:
    """The categories a prompt fixes, with the words that fixed them (generic terms removed)."""
    found: dict[str, list[str]] = {}
    for chunk in _TOKEN_SPLIT.split(clean(prompt)):
        for category, term in _chunk_elements(chunk.strip()):
            hits = found.setdefault(category, [])
            if term not in hits:
                hits.append(term)
    return {category: hits[:8] for category, hits in found.items()}


# The separators of ``_TOKEN_SPLIT`` that survive ``clean`` (which turns new lines into spaces).
_RAW_SPLIT = re.compile(r"[,，、;；|]+")


@lru_cache(maxsize=65536)
def _clean_part(raw: str) -> str:
    return clean(raw)


def chunks(prompt: str) -> list[str]:
    """The comma-separated parts of a cleaned prompt. Parts repeat from one iteration to the
    next, so the raw parts are split first and each is cleaned once; a ``<…>`` tag may hold a
    separator, so a prompt with one is cleaned whole first."""
    if "<" in prompt:
        parts = (c.strip() for c in _TOKEN_SPLIT.split(clean(prompt)))
    else:
        parts = (_clean_part(raw) for raw in _RAW_SPLIT.split(prompt))
    return [part for part in parts if part]


@lru_cache(maxsize=65536)
def chunk_categories(chunk: str) -> frozenset[str]:
    return frozenset(category for category, _ in _chunk_elements(chunk))


def chunk_elements(chunk: str) -> tuple[tuple[str, str], ...]:
    """(category, term) pairs of one part returned by ``chunks``."""
    return _chunk_elements(chunk)


@lru_cache(maxsize=65536)
def _substantive_part(part: str) -> str:
    """A cleaned part of a prompt without its generic quality words, its words in order."""
    words = _WORD.findall(part)
    used = [False] * len(words)
    for start, size, gram in _ngrams(words):
        if gram in _GENERIC_LATIN and not any(used[start : start + size]):
            used[start : start + size] = [True] * size
    kept = " ".join(w for w, generic in zip(words, used, strict=True) if not generic)
    if not part.isascii():
        cjk = "".join(ch for ch in part if not ch.isascii())
        for term in _GENERIC_CJK:
            cjk = cjk.replace(term, "")
        kept = (kept + " " + cjk).strip()
    return kept


def substance(prompt: str) -> frozenset[str]:
    """What a prompt says, for telling a revision from a cosmetic edit: its parts, each without
    generic quality words, ignoring case, whitespace, weight syntax and the order of the tags.
    Two prompts with the same substance are the same instruction (Zhangjiagang 2025: re-running
    the same prompt is not revising it)."""
    return frozenset(p for p in (_substantive_part(c) for c in chunks(prompt)) if p)


# Defects a negative prompt asks the model to avoid, which say nothing of what the picture shows:
# the stock negative copied from model card to model card and the "Undesired Content" presets
# NovelAI adds by default. A negative prompt made only of them shows no choice about the picture
# (Huangpu 2025: lists of conventional terms are not expression), so it counts neither way; one
# word beyond them ("monochrome", "outdoor", "red") is the person's choice.
STOCK_NEGATIVE_TERMS: tuple[str, ...] = (
    "lowres",
    "low res",
    "low resolution",
    "bad anatomy",
    "bad hands",
    "bad proportions",
    "bad quality",
    "worst quality",
    "low quality",
    "normal quality",
    "jpeg artifacts",
    "jpeg artefacts",
    "compression artifacts",
    "scan artifacts",
    "scan",
    "artistic error",
    "error",
    "text",
    "signature",
    "watermark",
    "too many watermarks",
    "username",
    "logo",
    "blurry",
    "cropped",
    "missing fingers",
    "extra fingers",
    "fewer fingers",
    "extra digit",
    "extra digits",
    "fewer digits",
    "extra limbs",
    "missing limbs",
    "extra arms",
    "extra legs",
    "mutated hands",
    "poorly drawn hands",
    "poorly drawn face",
    "deformed",
    "disfigured",
    "mutation",
    "mutated",
    "ugly",
    "duplicate",
    "morbid",
    "out of frame",
    "nsfw",
    "displeasing",
    "very displeasing",
    "chromatic aberration",
    "dithering",
    "halftone",
    "screentone",
    "film grain",
    "multiple views",
    "negative space",
    "blank page",
    "unfinished",
    "abstract",
    "sketch",
    "noise",
    "grainy",
    "bad",
    "extra",
    "missing",
    "fewer",
    "低质量",
    "最差质量",
    "模糊",
    "水印",
    "签名",
    "文字",
    "畸形",
    "多余的手指",
)
_STOCK_NEGATIVE = frozenset(
    " ".join(_WORD.findall(t)) if t.isascii() else t for t in STOCK_NEGATIVE_TERMS
)


def stock_negative(prompt: str) -> bool:
    """Every part of the negative prompt is a stock defect term (or a generic quality word)."""
    parts = chunks(prompt)
    return bool(parts) and all(
        not (kept := _substantive_part(part)) or kept in _STOCK_NEGATIVE for part in parts
    )


def clear_caches() -> None:
    for cached in (
        expressive_elements,
        _chunk_elements,
        _clean_part,
        chunk_categories,
        _substantive_part,
    ):
        cached.cache_clear()


def generic_terms(prompt: str) -> list[str]:
    text = clean(prompt)
    words = _WORD.findall(text)
    latin = [gram for _, _, gram in _ngrams(words) if gram in _GENERIC_LATIN]
    return list(dict.fromkeys(latin + [t for t in _GENERIC_CJK if t in text]))
