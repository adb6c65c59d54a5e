"""Vocabularies that find the expressive elements a prompt fixes (F2), in English and Chinese.

Li v. Liu counted the plaintiff's choices of subject, appearance, pose, composition, lighting and
style as expression the prompts fixed; the Zhangjiagang court asked for "layout, proportion,
perspective, composition, colour or lines". Generic quality words ("masterpiece, best quality,
8k") fix nothing of the picture and are not counted (Huangpu 2025: lists of conventional terms
are not expression).
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


@lru_cache(maxsize=65536)
def _chunk_elements(chunk: str) -> tuple[tuple[str, str], ...]:
    """(category, term) pairs of one comma-separated part of a prompt. Prompts are built from
    such parts and iterations change a few of them, so each distinct part is read once."""
    words = _WORD.findall(chunk)
    used = [False] * len(words)
    hits: list[tuple[str, str]] = []
    for start, size, gram in _ngrams(words):
        if any(used[start : start + size]):
            continue
        if gram in _GENERIC_LATIN:
            used[start : start + size] = [True] * size
            continue
        categories = _LATIN.get(gram)
        if categories:
            hits += [(category, gram) for category in categories]
            used[start : start + size] = [True] * size
    if not chunk.isascii():
        for term in _GENERIC_CJK:
            chunk = chunk.replace(term, " ")
        for category, cjk_terms in _CJK.items():
            hits += [(category, term) for term in cjk_terms if term in chunk]
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
