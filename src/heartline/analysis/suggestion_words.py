"""The wording of suggested replies: our own voice, several ways to say each part.

Kept apart from the logic so a writer can improve the words without touching
code. ``{content}`` is the sharer's own clause turned toward them;
``{feeling}`` is a feeling word chosen a notch stronger than they showed.
Indexes into the opener and feeling tables: 0 mild, 1 clear, 2 strong.
"""

from __future__ import annotations

OPENERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "negative": (
        ("Oh.", "Ah, that's hard.", "Hm, that doesn't sound easy."),
        ("Oh no.", "Oof.", "Ugh, that's rough.", "Oh, I'm sorry."),
        ("Oh no, I'm so sorry.", "Oh, that's awful.", "That's so much to carry.",
         "Oh, my heart."),
    ),
    "positive": (
        ("Oh, nice.", "That's lovely.", "Oh, that's good to hear."),
        ("Oh, that's great!", "Yes!", "That's really good news!"),
        ("Wow!", "That's huge!", "Oh my gosh, yes!", "I'm so happy for you!"),
    ),
    "neutral": (
        ("", "Hm.", "Mm."),
        ("Hm.", "Okay.", "I'm listening."),
        ("Wow.", "That's a lot.", "Whoa."),
    ),
}

REFLECTION_FRAMES: dict[str, tuple[str, ...]] = {
    "negative": ("So {content}.", "{content_cap}, and that's a lot to take in.",
                 "It sounds like {content}.", "So {content}; that must have hit hard."),
    "neutral": ("So {content}.", "It sounds like {content}."),
    "positive": ("So {content}!", "{content_cap}, that's wonderful.",
                 "It sounds like {content}!", "Wait, {content}? That's brilliant."),
}

FEELING_LINES: dict[str, tuple[str, ...]] = {
    "negative": ("No wonder you feel {feeling}.", "Anyone would feel {feeling} after that.",
                 "I can hear how {feeling} you are.", "It makes sense you'd feel {feeling}.",
                 "I'd feel {feeling} too."),
    "positive": ("You must be {feeling}.", "I can hear how {feeling} you are.",
                 "You have every reason to feel {feeling}.", "I love hearing you this {feeling}."),
    "neutral": ("It sounds like you're feeling {feeling}.", "I wonder if you're a bit {feeling}.",
                "You seem {feeling} about it."),
}

QUESTIONS: dict[str, tuple[str, ...]] = {
    "negative": ("What was the hardest part?", "How are you holding up right now?",
                 "What's going through your mind about it?", "What was that like for you?",
                 "What's weighing on you most?", "How are you feeling about it now?"),
    "positive": ("How did it feel when you found out?", "Tell me everything. What happened?",
                 "What are you most excited about?", "What does this mean for you?",
                 "How are you going to celebrate?"),
    "neutral": ("What's on your mind about it?", "How do you feel about it?",
                "What was that like?", "Tell me more?"),
    "deflection": ("What was one moment today that stuck with you?",
                   "What's really going on in there today?",
                   "What did you care about most today?",
                   "What stirred something in you today, even a little?"),
}

FEELING_WORDS_BY_STRENGTH: dict[str, tuple[str, str, str]] = {
    "sadness": ("sad", "really sad", "heartbroken"),
    "grief": ("sad", "full of grief", "heartbroken"),
    "fear": ("uneasy", "scared", "terrified"),
    "nervousness": ("nervous", "anxious", "really anxious"),
    "anger": ("annoyed", "angry", "furious"),
    "annoyance": ("frustrated", "really frustrated", "fed up"),
    "disappointment": ("let down", "really let down", "crushed"),
    "embarrassment": ("embarrassed", "really embarrassed", "mortified"),
    "remorse": ("bad about it", "guilty", "eaten up by it"),
    "disgust": ("put off", "disgusted", "sickened"),
    "disapproval": ("uneasy", "upset", "really upset"),
    "confusion": ("unsure", "confused", "thrown"),
    "surprise": ("surprised", "shocked", "stunned"),
    "joy": ("happy", "so happy", "over the moon"),
    "excitement": ("excited", "so excited", "buzzing"),
    "pride": ("proud", "really proud", "so proud"),
    "gratitude": ("grateful", "really grateful", "deeply grateful"),
    "relief": ("relieved", "so relieved", "hugely relieved"),
    "love": ("warm", "full of love", "full of love"),
    "optimism": ("hopeful", "really hopeful", "full of hope"),
    "amusement": ("amused", "tickled", "in stitches"),
}

SAFETY_REPLIES: dict[str, str] = {
    "self_harm": ("Thank you for telling me. I'm here with you, and I'm taking this "
                  "seriously. Are you safe right now? Let's get you some support together."),
    "abuse": ("I'm really glad you told me, and none of this is your fault. Are you "
              "safe right now? You deserve support, and I'll help you find it."),
    "crisis": ("I'm here. Let's get help right now: if anyone is in danger, call your "
               "local emergency number. What's happening this minute?"),
}
