#!/usr/bin/env python3
"""Writes sentences.jsonl: recognizer-style utterances labeled with the numbers that must be redacted and the
numbers that must stay. Written for Callsight (CC0). Deterministic: `python3 generate.py` rewrites the same file.

Two splits that share the *phenomena* (digit words, homophones, fillers, pair reading, mixed digits, splits
across utterances) but not the *wording*: every kind has two disjoint lists of carrier sentences, the first
for `tune`, the second for `test`, and each split draws its values from its own seed. Tuning looks at `tune`
only; `test` says whether the rules learned the phenomena or the sentences.
"""
import json
import random
import re
import sys
from pathlib import Path

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
HOMOPHONES = {"4": ["for"], "2": ["to", "too"], "1": ["won"], "8": ["ate"], "0": ["oh"]}
FILLERS = ["uh", "um", "er", "erm", "hmm"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
       "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
       "nineteenth", "twentieth", "twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth",
       "twenty sixth", "twenty seventh", "twenty eighth", "twenty ninth", "thirtieth", "thirty first"]


def two_digits(n):
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + UNITS[n % 10])


def cardinal(n):
    """0..9999 as a speaker says a quantity."""
    if n < 100:
        return two_digits(n)
    if n < 1000:
        rest = n % 100
        return UNITS[n // 100] + " hundred" + ("" if rest == 0 else " " + two_digits(rest))
    rest = n % 1000
    return two_digits(n // 1000) + " thousand" + ("" if rest == 0 else " " + cardinal(rest))


def year_words(y, rnd, short_ok=False):
    if short_ok and rnd.random() < 0.35:
        return two_digits(y % 100) if y % 100 >= 10 else "oh " + UNITS[y % 10]
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else (" and " if rnd.random() < 0.3 else " ") + UNITS[y % 10])
    hi, lo = divmod(y, 100)
    return two_digits(hi) + " " + (two_digits(lo) if lo >= 10 else "oh " + UNITS[lo])


class Reader:
    """Reads a digit string out the way callers do and a recognizer writes it."""

    def __init__(self, rnd):
        self.rnd = rnd

    def read(self, digits, groups, homophones=0.0, fillers=0.0, pairs=0.0, written=0.0, doubles=0.0, oh=0.5):
        r = self.rnd
        words = []
        pos = 0
        for gi, g in enumerate(groups):
            chunk = digits[pos:pos + g]
            pos += g
            i = 0
            while i < len(chunk):
                d = chunk[i]
                if i + 1 < len(chunk) and r.random() < pairs and chunk[i] != "0":
                    words.append(two_digits(int(chunk[i:i + 2])))
                    i += 2
                    continue
                if i + 1 < len(chunk) and chunk[i + 1] == d and r.random() < doubles:
                    words.append("double " + self.digit(d, 0.0, oh, written))
                    i += 2
                    continue
                words.append(self.digit(d, homophones, oh, written))
                i += 1
            if gi < len(groups) - 1 and r.random() < fillers:
                words.append(r.choice(FILLERS))
        return " ".join(words)

    def digit(self, d, homophones, oh, written):
        r = self.rnd
        if r.random() < written:
            return d
        if d in HOMOPHONES and r.random() < homophones:
            return r.choice(HOMOPHONES[d])
        if d == "0" and r.random() < oh:
            return "oh"
        return UNITS[int(d)]


def luhn_complete(prefix, length, rnd):
    body = prefix + "".join(str(rnd.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return body + str((10 - total % 10) % 10)


# --------------------------------------------------------------------------------------------- carrier sentences
# "{P}" is the personal number, "{K}" a number that must stay. Each list: first half tune, second half test.
FRAMES = {
    "card": [
        "my card number is {P}", "the long number on the card is {P}", "ok it's {P}", "card {P} thanks",
        "the visa ending i mean the whole number is {P}", "yes {P} is the card",
        "sure the card number {P}", "it's a mastercard {P}", "right here it's {P} on the front",
        "{P} that's my debit card", "the number reads {P}", "go ahead and charge {P}",
    ],
    "phone": [
        "you can call me on {P}", "my phone number is {P}", "the best number is {P}", "my mobile is {P}",
        "reach me at {P} after six", "call back on {P}", "it's {P} that's my cell",
        "text me at {P}", "the number on file should be {P}", "my landline {P}", "{P} is my number",
        "try {P} please",
    ],
    "account": [
        "my policy number is {P}", "the account number is {P}", "member id {P}", "my reference is {P}",
        "it's policy {P}", "the customer number is {P}", "account {P}", "policy number {P} thank you",
        "my membership number is {P}", "the claim number is {P}", "i have it here {P}", "that's account {P} yes",
        "order number {P}", "the invoice is {P}",
    ],
    "ssn": [
        "my social security number is {P}", "social is {P}", "the ssn is {P}", "my social {P}",
        "social security {P}", "last time i gave you {P} as my social", "it's {P} my social security number",
        "ssn {P}",
    ],
    "dob": [
        "i was born on {P}", "my date of birth is {P}", "my birthday is {P}", "date of birth {P}",
        "i was born {P}", "birthday {P}", "dob is {P}", "the date of birth on the account is {P}",
        "my birth date is {P}", "i'm born {P}", "my date of birth would be {P}", "born on {P}",
    ],
    "amount": [
        "i was charged {K} last month", "the bill came to {K}", "i paid {K} yesterday", "that's {K} a month",
        "can you refund the {K}", "it says {K} on my statement", "the fee was {K}", "i owe you {K} right",
        "they took {K} out of my account", "i can pay {K} today", "the balance is {K}", "why is it {K} now",
    ],
    "time": [
        "can you call me back at {K}", "i'll be home by {K}", "the appointment is at {K}", "i called at {K}",
        "the engineer came around {K}", "i'm free after {K}", "let's say {K} tomorrow", "it stopped working at {K}",
        "he said he'd be here at {K}", "is {K} ok for you", "i get off work at {K}", "ring me at {K}",
    ],
    "count": [
        "i've called {K}", "i have {K}", "there are {K} on the account", "we have {K} in the house",
        "it happened {K}", "i tried {K}", "we need {K} on the plan", "you charged me {K}",
        "i rang {K} already", "that's {K} now", "they sent {K}", "i've got {K}",
    ],
    "duration": [
        "i waited {K}", "it's been down {K}", "i've been a customer {K}", "i was on hold {K}",
        "the refund takes {K}", "nobody helped me {K}", "we've had the policy {K}", "it took {K} last time",
        "i've been trying {K}", "the internet was out {K}", "you said it would take {K}", "i've been paying {K}",
    ],
    "date": [
        "the payment is due on {K}", "my contract ends on {K}", "i moved in on {K}", "the bill from {K}",
        "the outage started on {K}", "i cancelled on {K}", "can we book it for {K}", "the charge was on {K}",
        "i was away until {K}", "the policy renews on {K}", "you promised it by {K}", "i sent it on {K}",
    ],
    "address": [
        "i live at {K}", "the address is {K}", "send it to {K}", "we moved to {K}",
        "it's {K} near the station", "the house at {K}", "deliver to {K} please", "my new address is {K}",
    ],
    "other": [
        "i'm on the {K} plan", "i pressed {K}", "i'm calling about option {K}", "it's on channel {K}",
        "i'm {K} years old", "they gave me {K} percent off", "the speed is only {K} megabits", "it was {K} degrees",
        "we're on page {K}", "i got {K} out of ten", "press {K} for billing right", "it's model {K}",
    ],
}
# personal numbers whose sentence frames are not in FRAMES' personal lists: split readings, told as the
# number continues in the next utterance
SPLIT_HEADS = {
    "tune": ["my card number is {A}", "the policy number is {A}", "it's {A}", "my phone number is {A}",
             "ok the account is {A}", "so it's {A}"],
    "test": ["the number on the card is {A}", "my reference is {A}", "right {A}", "the mobile is {A}",
             "member number {A}", "yeah {A}"],
}
SPLIT_TAILS = {
    "tune": ["{B}", "{B} that's it", "{B} did you get that", "uh {B}"],
    "test": ["{B} got it", "{B} yes", "and {B}", "{B} sorry"],
}


# Written after the first measurement on `test`, when `test` had been looked at: wording neither split has.
HOLDOUT_FRAMES = {
    "card": ["the card i'd like to use is {P}", "ok ready {P}", "it's the one ending in well the full number is {P}",
             "put it on {P} please", "numbers are {P}", "let me read it {P}"],
    "phone": ["my daytime number is {P}", "you can get me on {P} any time", "the contact number is {P}",
              "my work phone {P}", "ring {P} and ask for me", "my number changed to {P}"],
    "account": ["my account reference is {P}", "the policy is {P} i think", "i've got the letter here it says {P}",
                "customer reference {P}", "my loyalty number is {P}", "booking reference {P} please"],
    "ssn": ["you want my social it's {P}", "social security number {P} that's right", "the number on my card social {P}",
            "ssn is {P} ok"],
    "dob": ["i was born the {P}", "my date of birth it's {P}", "date of birth is {P} yes", "birthday's {P}",
            "i was born on the day {P}", "the dob is {P}"],
    "amount": ["it went up by {K}", "i only have {K} left", "the deposit was {K}", "you owe me {K}",
               "the quote said {K}", "i spent {K} on it"],
    "time": ["i'm only home until {K}", "the call dropped at {K}", "come round at {K}", "the shop opens at {K}",
             "i'll ring again at {K}", "any time after {K} works"],
    "count": ["i only used it {K}", "we bought {K}", "you sent me {K} already", "it crashed {K} today",
              "they called {K}", "i asked {K}"],
    "duration": ["i've been a member {K}", "i was without power {K}", "the wait was {K}", "it lasted {K}",
                 "the phone was dead {K}", "i've waited {K} for this"],
    "date": ["my direct debit goes out on {K}", "the letter is dated {K}", "i booked it for {K}",
             "the renewal was on {K}", "we spoke on {K}", "it arrived {K}"],
    "address": ["the flat is at {K}", "please post it to {K}", "i'm at {K} now", "our office is at {K}"],
    "other": ["my score was {K}", "i'm in row {K}", "it's size {K}", "the tv is on {K}", "it says error {K}",
              "i'm on level {K}"],
}
HOLDOUT_SPLIT = {
    "heads": ["the card number is {A}", "policy {A}", "ok {A}", "my cell is {A}", "well it's {A}", "the reference is {A}"],
    "tails": ["{B} is that right", "{B} thanks", "then {B}", "{B} ok"],
    "mixed": ["{P} is the account and i paid {K}", "since {K} i've used {P}", "the card {P} and it took {K}"],
    "split_keep_heads": ["i called {A}", "we have been there {A}", "maybe {A}"],
    "split_keep_tails": ["{B} later", "{B} at most", "{B} or so"],
}


def half(frames, split):
    if split == "holdout":
        return None
    mid = (len(frames) + 1) // 2
    return frames[:mid] if split == "tune" else frames[mid:]


def frames_for(kind, split):
    return HOLDOUT_FRAMES[kind] if split == "holdout" else half(FRAMES[kind], split)


class Generator:
    def __init__(self, split, seed):
        self.split = split
        self.rnd = random.Random(seed)
        self.reader = Reader(self.rnd)
        self.samples = []

    # ------------------------------------------------------------------------------------------ personal
    def style(self):
        """A reading style; each sample picks one, so every phenomenon is in both splits."""
        r = self.rnd
        s = r.choice(["plain", "plain", "homophones", "homophones", "fillers", "pairs", "mixed", "doubles"])
        return s, dict(
            homophones=0.35 if s == "homophones" else (0.1 if r.random() < 0.3 else 0.0),
            fillers=0.6 if s == "fillers" else 0.0,
            pairs=0.45 if s == "pairs" else 0.0,
            written=0.35 if s == "mixed" else 0.0,
            doubles=0.6 if s == "doubles" else 0.0,
        )

    def card_number(self):
        r = self.rnd
        if r.random() < 0.2:
            return luhn_complete(r.choice(["34", "37"]), 15, r), [4, 6, 5]
        return luhn_complete(r.choice(["4", "51", "52", "55", "6011"]), 16, r), [4, 4, 4, 4]

    def phone_number(self):
        r = self.rnd
        if r.random() < 0.3:
            return "07" + "".join(str(r.randrange(10)) for _ in range(9)), [5, 6]
        area = str(r.randrange(2, 10)) + str(r.randrange(10)) + str(r.randrange(10))
        return area + str(r.randrange(2, 10)) + "".join(str(r.randrange(10)) for _ in range(6)), [3, 3, 4]

    def account_number(self):
        r = self.rnd
        n = r.choice([6, 7, 8, 8, 9, 10])
        d = str(r.randrange(1, 10)) + "".join(str(r.randrange(10)) for _ in range(n - 1))
        groups = [n] if r.random() < 0.5 else [n // 2, n - n // 2]
        return d, groups

    def ssn(self):
        r = self.rnd
        area = r.choice([x for x in range(1, 900) if x != 666])
        return "%03d%02d%04d" % (area, r.randrange(1, 100), r.randrange(1, 10000)), [3, 2, 4]

    def personal(self, kind):
        r = self.rnd
        style, opts = self.style()
        if kind == "card":
            digits, groups = self.card_number()
        elif kind == "phone":
            digits, groups = self.phone_number()
        elif kind == "account":
            digits, groups = self.account_number()
        else:
            digits, groups = self.ssn()
        if kind == "phone" and r.random() < 0.1:
            spoken = "eight hundred " + self.reader.read(digits[3:], [3, 4], **opts)
            digits = "800" + digits[3:]
        else:
            spoken = self.reader.read(digits, groups, **opts)
        frame = r.choice(frames_for(kind, self.split))
        self.add(kind, style, frame, personal=(spoken, kind))

    def dob(self):
        r = self.rnd
        y = r.randrange(1935, 2006)
        m = r.randrange(1, 13)
        d = r.randrange(1, 29)
        form = r.choice(["day_of_month", "month_day", "month_day", "numeric_written", "numeric_spoken", "slash_short"])
        if form == "day_of_month":
            p = ("the " if r.random() < 0.6 else "") + ORD[d] + " of " + MONTHS[m - 1] + " " + year_words(y, r, True)
        elif form == "month_day":
            p = MONTHS[m - 1] + (" the " if r.random() < 0.3 else " ") + ORD[d] + " " + year_words(y, r, True)
        elif form == "numeric_written":
            p = "%02d/%02d/%d" % (m, d, y)
        elif form == "slash_short":
            p = "%d/%d/%02d" % (m, d, y % 100)
        else:
            p = self.reader.read("%02d%02d" % (m, d), [2, 2], oh=0.8) + " " + year_words(y, r, True)
        frame = r.choice(frames_for("dob", self.split))
        if frame.endswith("born {P}") and form in ("day_of_month",) and not p.startswith("the "):
            p = "the " + p
        self.add("dob", form, frame, personal=(p, "dob"))

    def split_number(self):
        r = self.rnd
        kind = r.choice(["card", "phone", "account", "account"])
        style, opts = self.style()
        digits, groups = {"card": self.card_number, "phone": self.phone_number, "account": self.account_number}[kind]()
        cut = r.randrange(2, min(6, len(digits) - 2))
        a = self.reader.read(digits[:cut], [cut], **opts)
        b = self.reader.read(digits[cut:], [len(digits) - cut], **opts)
        head = r.choice(HOLDOUT_SPLIT["heads"] if self.split == "holdout" else SPLIT_HEADS[self.split])
        tail = r.choice(HOLDOUT_SPLIT["tails"] if self.split == "holdout" else SPLIT_TAILS[self.split])
        prev, prev_spans = fill(head, {"A": (a, "remove", kind)})
        text, text_spans = fill(tail, {"B": (b, "remove", kind)})
        self.samples.append(sample(self.split, "split-" + kind, style, prev, prev_spans, text, text_spans))

    # -------------------------------------------------------------------------------------- non-personal
    def amount(self):
        r = self.rnd
        c = r.choice(["dollars", "pounds", "euros", "bucks"])
        n = r.choice([5, 12, 20, 25, 45, 60, 75, 99, 120, 150, 200, 250, 300, 450, 1200, 1500, 2500])
        form = r.choice(["words", "words", "symbol", "cents", "price", "and"])
        if form == "words":
            k = cardinal(n) + " " + c
        elif form == "symbol":
            k = "$%d.%02d" % (n, r.randrange(100)) if r.random() < 0.6 else "£%d" % n
        elif form == "cents":
            k = cardinal(n) + " dollars and " + two_digits(r.randrange(1, 100)) + " cents"
        elif form == "price":
            k = two_digits(r.randrange(10, 100)) + " ninety nine"  # "forty nine ninety nine"
        else:
            k = "a hundred and " + two_digits(r.randrange(10, 100)) + " " + c
        self.keep("amount", form, k)

    def time(self):
        r = self.rnd
        h = r.randrange(1, 13)
        form = r.choice(["hm", "ampm", "oclock", "quarter", "range", "ampm_digits"])
        if form == "hm":
            k = UNITS[h] if h < 10 else TEENS[h - 10]
            k += " " + r.choice(["thirty", "fifteen", "forty five", "twenty", "oh five", "fifty"])
        elif form == "ampm":
            k = (UNITS[h] if h < 10 else TEENS[h - 10]) + " " + r.choice(["am", "pm", "a m", "p m"])
        elif form == "oclock":
            k = (UNITS[h] if h < 10 else TEENS[h - 10]) + " o'clock"
        elif form == "quarter":
            k = r.choice(["quarter past ", "half past ", "quarter to "]) + (UNITS[h] if h < 10 else TEENS[h - 10])
        elif form == "range":
            a, b = r.randrange(7, 11), r.randrange(2, 7)
            k = UNITS[a] if a < 10 else "ten"
            k += r.choice([" thirty", ""]) + " to " + UNITS[b] + r.choice([" thirty", ""])
        else:
            k = "%d:%02d" % (h, r.choice([0, 15, 30, 45])) + r.choice(["", " pm", " am"])
        self.keep("time", form, k)

    def count(self):
        r = self.rnd
        form = r.choice(["times", "things", "range", "or"])
        a = r.randrange(2, 10)
        if form == "times":
            k = cardinal(a) + " times"
        elif form == "things":
            k = cardinal(a) + " " + r.choice(["kids", "phones", "accounts", "lines", "boxes", "letters", "people"])
        elif form == "range":
            k = UNITS[a - 1] + " to " + UNITS[a] + " times"
        else:
            k = UNITS[a - 1] + " or " + UNITS[a] + " times"
        self.keep("count", form, k)

    def duration(self):
        r = self.rnd
        unit = r.choice(["minutes", "hours", "days", "weeks", "months", "years"])
        form = r.choice(["for", "for", "range", "plain", "since"])
        n = r.choice([2, 3, 4, 5, 6, 8, 10, 12, 20, 30, 45])
        if form == "for":
            k = "for " + cardinal(n) + " " + unit
        elif form == "range":
            a = r.randrange(2, 8)
            k = r.choice(["for ", ""]) + cardinal(a) + " to " + cardinal(a + r.randrange(1, 4)) + " " + unit
        elif form == "plain":
            k = cardinal(n) + " " + unit
        else:
            k = "since " + year_words(r.randrange(1995, 2025), r)
        self.keep("duration", form, k)

    def date(self):
        r = self.rnd
        m, d = r.randrange(1, 13), r.randrange(1, 29)
        form = r.choice(["month_day", "day_of_month", "with_year", "slash", "iso", "month_year"])
        if form == "month_day":
            k = MONTHS[m - 1] + " " + ORD[d]
        elif form == "day_of_month":
            k = "the " + ORD[d] + " of " + MONTHS[m - 1]
        elif form == "with_year":
            k = MONTHS[m - 1] + " " + ORD[d] + " " + year_words(r.randrange(2018, 2027), r)
        elif form == "slash":
            k = "%02d/%02d/%d" % (m, d, r.randrange(2019, 2027))
        elif form == "iso":
            k = "%d-%02d-%02d" % (r.randrange(2019, 2027), m, d)
        else:
            k = MONTHS[m - 1] + " " + year_words(r.randrange(2015, 2027), r)
        self.keep("date", form, k)

    def address(self):
        r = self.rnd
        street = r.choice(["main street", "oak avenue", "baker street", "elm road", "park lane", "high street"])
        form = r.choice(["cardinal", "pairs", "digits", "written"])
        n = r.randrange(1, 2000)
        if form == "cardinal" or n < 100:
            k = cardinal(n)
        elif form == "pairs":
            k = UNITS[n // 100] if n < 1000 else two_digits(n // 100)
            k += " " + (two_digits(n % 100) if n % 100 >= 10 else "oh " + UNITS[n % 100])
        elif form == "digits":
            k = " ".join(UNITS[int(c)] for c in str(n))
        else:
            k = str(n)
        self.keep("address", form, k + " " + street)

    def other(self):
        r = self.rnd
        form = r.choice(["small", "tens", "hundreds"])
        if form == "small":
            k = cardinal(r.randrange(1, 10))
        elif form == "tens":
            k = cardinal(r.randrange(10, 100))
        else:
            k = cardinal(r.choice([100, 150, 200, 250, 300, 500, 900]))
        self.keep("other", form, k)

    def split_keep(self):
        """Small numbers at the end of one utterance and the start of the next: not one number."""
        r = self.rnd
        a = r.choice([UNITS[r.randrange(2, 10)] + " thirty", "for " + cardinal(r.randrange(2, 9)) + " hours",
                      "since " + year_words(r.randrange(1998, 2024), r), cardinal(r.randrange(2, 6)) + " kids",
                      "forty five dollars"])
        b = r.choice([cardinal(r.randrange(2, 6)) + " days", UNITS[r.randrange(2, 10)] + " times",
                      cardinal(r.randrange(2, 6)) + " of my lines", "two weeks", "four of us"])
        heads = {"tune": ["it was {A}", "i've been waiting {A}", "we have {A}"],
                 "test": ["the last time was {A}", "honestly {A}", "i'd say {A}"],
                 "holdout": HOLDOUT_SPLIT["split_keep_heads"]}
        tails = {"tune": ["{B} ago", "{B} are affected", "{B} now"], "test": ["{B} really", "{B} in a row", "{B} i think"],
                 "holdout": HOLDOUT_SPLIT["split_keep_tails"]}
        prev, prev_spans = fill(r.choice(heads[self.split]), {"A": (a, "keep", "split")})
        text, text_spans = fill(r.choice(tails[self.split]), {"B": (b, "keep", "split")})
        s = sample(self.split, "split-keep", "split", prev, [], text, text_spans)
        s["keep"] = [dict(x, utterance="prev") for x in prev_spans] + s["keep"]
        for x in s["keep"]:
            x.pop("verdict", None)
        self.samples.append(s)

    def keep(self, kind, form, value):
        frame = self.rnd.choice(frames_for(kind, self.split))
        self.add(kind, form, frame, keep=(value, kind))

    def add(self, kind, style, frame, personal=None, keep=None):
        slots = {}
        if personal:
            slots["P"] = (personal[0], "remove", personal[1])
        if keep:
            slots["K"] = (keep[0], "keep", keep[1])
        text, spans = fill(frame, slots)
        self.samples.append(sample(self.split, kind, style, None, [], text, spans))

    def mixed(self):
        """A personal number and a number that must stay in one utterance."""
        r = self.rnd
        style, opts = self.style()
        digits, groups = r.choice([self.card_number, self.account_number, self.phone_number])()
        p = self.reader.read(digits, groups, **opts)
        k = r.choice([cardinal(r.choice([20, 45, 120, 300])) + " dollars", "for " + cardinal(r.randrange(2, 6)) + " weeks",
                      UNITS[r.randrange(2, 10)] + " " + r.choice(["thirty", "fifteen", "pm"]),
                      MONTHS[r.randrange(12)] + " " + ORD[r.randrange(1, 29)]])
        frames = {"tune": ["the charge of {K} went on account {P}", "my card {P} was charged on {K}",
                           "number {P} and i waited {K}"],
                  "test": ["i paid {K} with {P}", "on {K} someone used {P}", "it's {P} and it took {K}"],
                  "holdout": HOLDOUT_SPLIT["mixed"]}
        text, spans = fill(r.choice(frames[self.split]), {"P": (p, "remove", "mixed"), "K": (k, "keep", "mixed")})
        self.samples.append(sample(self.split, "mixed", style, None, [], text, spans))

    def run(self, n_personal, n_keep):
        r = self.rnd
        for i in range(n_personal):
            kind = ["card", "phone", "account", "ssn", "dob", "split", "mixed"][i % 7]
            {"dob": self.dob, "split": self.split_number, "mixed": self.mixed}.get(kind, lambda: self.personal(kind))()
        for i in range(n_keep):
            kind = ["amount", "time", "count", "duration", "date", "address", "other", "split_keep"][i % 8]
            getattr(self, kind)()
        r.shuffle(self.samples)
        for i, s in enumerate(self.samples):
            s["id"] = "%s-%04d" % (self.split, i + 1)
        return self.samples


def fill(frame, slots):
    """Puts slot values into a frame; returns the text and the labeled spans in it."""
    text = ""
    spans = []
    pos = 0
    for m in re.finditer(r"\{(\w)\}", frame):
        text += frame[pos:m.start()]
        value, verdict, what = slots[m.group(1)]
        spans.append({"verdict": verdict, "what": what, "start": len(text), "end": len(text) + len(value), "span": value})
        text += value
        pos = m.end()
    text += frame[pos:]
    return text, spans


def sample(split, kind, style, prev, prev_spans, text, text_spans):
    s = {"id": None, "split": split, "kind": kind, "style": style}
    if prev is not None:
        s["prev"] = prev
    s["text"] = text
    s["remove"] = ([dict(x, utterance="prev") for x in prev_spans if x["verdict"] == "remove"]
                   + [dict(x, utterance="text") for x in text_spans if x["verdict"] == "remove"])
    s["keep"] = [dict(x, utterance="text") for x in text_spans if x["verdict"] == "keep"]
    for x in s["remove"] + s["keep"]:
        del x["verdict"]
    return s


if __name__ == "__main__":
    out = Path(__file__).with_name("sentences.jsonl")
    rows = Generator("tune", 20261203).run(210, 224) + Generator("test", 77001).run(175, 184)
    rows += Generator("holdout", 90210).run(175, 184)
    with out.open("w", encoding="utf-8") as f:
        for s in rows:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print("wrote %d sentences to %s" % (len(rows), out), file=sys.stderr)
