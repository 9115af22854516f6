#!/usr/bin/env python3
"""Generate a synthetic English news corpus for scale and robustness tests.

Standard library only.  Everything is drawn from one ``random.Random(seed)``, so
the same seed and ``--n`` always give the same articles, whatever the output
format.  Articles are streamed to disk one at a time; only a bounded window of
recent articles is kept (to make near-copies and rewrites of them).

    python scripts/gen_corpus.py --n 10000 --format jsonl --out /tmp/c/corpus.jsonl
    python scripts/gen_corpus.py --n 500 --format txt  --out /tmp/c/txt  --seed 3
    python scripts/gen_corpus.py --n 500 --format html --out /tmp/c/html --truth /tmp/c/t.jsonl

What is in it:
  * ~30 invented outlets (slug, footer line, quote/date/title style, page template);
  * a fixed cast of invented people (leaders, ministers, generals, admirals,
    spokespeople) for ~40 real countries, plus invented analysts and think tanks;
  * stories (met, signed, criticised, warned, held drills, imposed sanctions,
    visited); about a quarter of original articles are a second outlet's own
    write-up of a recent story (same story_id, independent wording);
  * 4-12 body paragraphs, separated by a blank line, quotes in several styles,
    relative dates ("on Tuesday, November 11", "last week", "in March 2025");
  * page furniture in roughly half of the articles (share bars, photo credits,
    "Previous Article" + teaser, related posts, copyright, donation appeals, a
    per-outlet footer line, ...);
  * ~3% near-copies (an earlier article's body with one sentence changed, under
    another outlet) and ~2% rewrites (sentences shuffled, simple synonym swaps).

JSONL rows hold exactly: id, url, outlet, title, author, published, language, text.
``--truth FILE`` writes one JSON object per article with the generator's ground
truth: id, story_id, kind (original | same-story | near-copy | rewrite),
copy_of, rewrite_of, outlet, event, furniture (the furniture lines added to the
text, in order), furniture_kinds, changed_sentence (near-copies: old/new),
people and countries mentioned in the text.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import html as htmlmod
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections import deque

# --------------------------------------------------------------------------- #
# Static material (all invented wording; countries and cities are real names) #
# --------------------------------------------------------------------------- #

# name, possessive, demonym, capital, second city, title of the head of government
COUNTRIES = [
    ("France", "France's", "French", "Paris", "Lyon", "President"),
    ("Germany", "Germany's", "German", "Berlin", "Hamburg", "Chancellor"),
    ("Japan", "Japan's", "Japanese", "Tokyo", "Osaka", "Prime Minister"),
    ("India", "India's", "Indian", "New Delhi", "Mumbai", "Prime Minister"),
    ("Brazil", "Brazil's", "Brazilian", "Brasília", "São Paulo", "President"),
    ("Kenya", "Kenya's", "Kenyan", "Nairobi", "Mombasa", "President"),
    ("Nigeria", "Nigeria's", "Nigerian", "Abuja", "Lagos", "President"),
    ("Egypt", "Egypt's", "Egyptian", "Cairo", "Alexandria", "President"),
    ("Turkey", "Turkey's", "Turkish", "Ankara", "Istanbul", "President"),
    ("Poland", "Poland's", "Polish", "Warsaw", "Gdańsk", "Prime Minister"),
    ("Ukraine", "Ukraine's", "Ukrainian", "Kyiv", "Odesa", "President"),
    ("Russia", "Russia's", "Russian", "Moscow", "St Petersburg", "President"),
    ("China", "China's", "Chinese", "Beijing", "Shanghai", "Premier"),
    ("the United States", "the United States'", "American", "Washington", "New York",
     "President"),
    ("the United Kingdom", "the United Kingdom's", "British", "London", "Manchester",
     "Prime Minister"),
    ("Canada", "Canada's", "Canadian", "Ottawa", "Toronto", "Prime Minister"),
    ("Mexico", "Mexico's", "Mexican", "Mexico City", "Monterrey", "President"),
    ("Argentina", "Argentina's", "Argentine", "Buenos Aires", "Córdoba", "President"),
    ("Indonesia", "Indonesia's", "Indonesian", "Jakarta", "Surabaya", "President"),
    ("Vietnam", "Vietnam's", "Vietnamese", "Hanoi", "Ho Chi Minh City", "Prime Minister"),
    ("the Philippines", "the Philippines'", "Philippine", "Manila", "Cebu", "President"),
    ("South Korea", "South Korea's", "South Korean", "Seoul", "Busan", "President"),
    ("Australia", "Australia's", "Australian", "Canberra", "Sydney", "Prime Minister"),
    ("Sweden", "Sweden's", "Swedish", "Stockholm", "Gothenburg", "Prime Minister"),
    ("Norway", "Norway's", "Norwegian", "Oslo", "Bergen", "Prime Minister"),
    ("Finland", "Finland's", "Finnish", "Helsinki", "Tampere", "President"),
    ("Italy", "Italy's", "Italian", "Rome", "Milan", "Prime Minister"),
    ("Spain", "Spain's", "Spanish", "Madrid", "Barcelona", "Prime Minister"),
    ("Greece", "Greece's", "Greek", "Athens", "Thessaloniki", "Prime Minister"),
    ("the Netherlands", "the Netherlands'", "Dutch", "Amsterdam", "Rotterdam",
     "Prime Minister"),
    ("Portugal", "Portugal's", "Portuguese", "Lisbon", "Porto", "Prime Minister"),
    ("Pakistan", "Pakistan's", "Pakistani", "Islamabad", "Karachi", "Prime Minister"),
    ("South Africa", "South Africa's", "South African", "Pretoria", "Cape Town", "President"),
    ("Ethiopia", "Ethiopia's", "Ethiopian", "Addis Ababa", "Dire Dawa", "Prime Minister"),
    ("Morocco", "Morocco's", "Moroccan", "Rabat", "Casablanca", "Prime Minister"),
    ("Chile", "Chile's", "Chilean", "Santiago", "Valparaíso", "President"),
    ("Colombia", "Colombia's", "Colombian", "Bogotá", "Medellín", "President"),
    ("Thailand", "Thailand's", "Thai", "Bangkok", "Chiang Mai", "Prime Minister"),
    ("Ghana", "Ghana's", "Ghanaian", "Accra", "Kumasi", "President"),
    ("Malaysia", "Malaysia's", "Malaysian", "Kuala Lumpur", "Penang", "Prime Minister"),
    ("Romania", "Romania's", "Romanian", "Bucharest", "Cluj-Napoca", "President"),
]

NEUTRAL_VENUES = ["Geneva", "Vienna", "Singapore", "Doha", "Brussels", "Helsinki",
                  "Reykjavík", "Muscat", "Montevideo", "Ljubljana"]

FEMALE = ["Anna", "Maria", "Leila", "Ingrid", "Amara", "Sofia", "Yuki", "Priya", "Camila",
          "Elena", "Nadia", "Fatima", "Greta", "Olga", "Inês", "Hana", "Zainab", "Lucia",
          "Marta", "Aiko", "Noor", "Chiara", "Daniela", "Tanvi", "Ewa", "Signe", "Adaeze",
          "Mei", "Beatriz", "Irena", "Solveig", "Ama", "Dilnoza", "Rosa", "Kateryna"]
MALE = ["Tomas", "Karim", "Jonas", "Rafael", "Kenji", "Arjun", "Mateo", "Viktor", "Omar",
        "Lukas", "Emeka", "Hiroshi", "Diego", "Pavel", "Samir", "Anders", "Nikos", "Farid",
        "Jun", "Marco", "Stefan", "Kwame", "Andrei", "Rahul", "Felipe", "Mehmet", "Oskar",
        "Tariq", "Bruno", "Dmitri", "Łukasz", "Joaquín", "Thabo", "Minh", "Aleksander"]
SURNAMES = ["Keller", "Moreau", "Okafor", "Lindqvist", "Tanaka", "Varga", "Mendes", "Haddad",
            "Novak", "Petrov", "Sato", "Kaur", "Ibarra", "Lund", "Costa", "Brandt", "Adeyemi",
            "Rahman", "Kowalski", "Demir", "Nakamura", "Ortiz", "Halvorsen", "Mensah", "Rossi",
            "Fischer", "Castillo", "Nguyen", "Park", "Aziz", "Duval", "Horvat", "Silva",
            "Ferreira", "Yılmaz", "Kim", "Banerjee", "Obi", "Müller", "Jansen", "Virtanen",
            "Eriksen", "Dvořák", "Çelik", "Asante", "Marin", "Quiroga", "Tembo", "Sorensen",
            "Vasquez", "Ahn", "Pham", "Lobo", "Iyer", "Achterberg", "Mwangi", "Kallio",
            "Rinaldi", "Szabó", "Delacroix", "Haraldsen", "Oyelaran", "Barros", "Wolanski"]

# key -> (role as written after a possessive, title used before a name, short ref prefix)
ROLES = {
    "fm": ("foreign minister", "Foreign Minister", ""),
    "dm": ("defence minister", "Defence Minister", ""),
    "trade": ("trade minister", "Trade Minister", ""),
    "finance": ("finance minister", "Finance Minister", ""),
    "energy": ("energy minister", "Energy Minister", ""),
    "spox": ("foreign ministry spokesperson", "foreign ministry spokesperson", ""),
    "army": ("army chief of staff", "army chief General", "Gen. "),
    "navy": ("navy commander", "navy commander Admiral", "Adm. "),
    "un": ("ambassador to the United Nations", "UN ambassador", ""),
}

EVENTS = ["meeting", "signing", "criticism", "warning", "drills", "sanctions", "visit"]
EVENT_ROLES_A = {
    "meeting": ["fm", "leader", "dm", "trade"],
    "signing": ["trade", "energy", "fm", "leader"],
    "criticism": ["fm", "leader", "spox", "trade"],
    "warning": ["fm", "leader", "dm"],
    "drills": ["army", "navy", "dm"],
    "sanctions": ["finance", "fm", "trade"],
    "visit": ["leader", "fm", "dm"],
}
FRIENDLY = {"meeting", "signing", "visit"}

TOPICS = [("energy supplies", "energy"), ("the shared border", "border"),
          ("maritime boundaries", "maritime"), ("grain exports", "grain"),
          ("gas transit", "gas"), ("export controls on semiconductors", "chip"),
          ("migration", "migration"), ("airspace violations", "airspace"),
          ("debt relief", "debt"), ("water rights", "water"),
          ("critical minerals", "minerals"), ("port access", "port"),
          ("steel tariffs", "steel"), ("fishing rights", "fishing"),
          ("a contested pipeline project", "pipeline"), ("cyber security", "cyber"),
          ("rail links", "rail"), ("fertiliser supplies", "fertiliser")]
PRODUCTS = ["steel", "rice", "fertiliser", "lithium", "solar panels", "wheat",
            "natural gas", "copper", "electric vehicles", "cotton"]
AGREEMENTS = [("a trade agreement", "trade deal"), ("a defence cooperation pact", "defence pact"),
              ("a memorandum on energy supplies", "energy memorandum"),
              ("a grain export deal", "grain deal"), ("a water-sharing accord", "water accord"),
              ("an agreement on critical minerals", "minerals deal"),
              ("a port development agreement", "port deal"),
              ("a visa facilitation agreement", "visa deal")]
ACTIONS = [("to raise tariffs on {product}", "{product} tariffs"),
           ("to restrict exports of {product}", "{product} export curbs"),
           ("to close two border crossings", "border closures"),
           ("to deploy additional troops near the frontier", "troop build-up"),
           ("to expel two {A_dem} diplomats", "diplomatic expulsions"),
           ("to suspend a transit agreement", "transit suspension"),
           ("to expand naval patrols in disputed waters", "naval patrols"),
           ("to build a dam on a shared river", "dam project"),
           ("to tighten visa rules for {A_dem} citizens", "visa curbs")]
ADJ = ["a serious mistake", "reckless", "deeply regrettable", "unjustified and unhelpful",
       "a blow to trust between the two countries", "irresponsible"]
SANCTION_REASONS = ["illegal fishing", "sanctions evasion",
                    "cyber attacks on {A_dem} infrastructure",
                    "the smuggling of dual-use goods", "money laundering",
                    "the financing of armed groups"]
REGIONS = ["near the northern border", "off the eastern coast", "in waters off {city2}",
           "in the mountains near the frontier", "in international waters east of {city2}",
           "at a training ground outside {city2}"]
BG_EVENTS = ["talks on {topic} collapsed", "{B} expelled two {A_dem} diplomats",
             "a dispute over {product} exports erupted",
             "a collision between coast guard vessels raised fears of a wider confrontation",
             "{A} recalled its ambassador from {B_capital}",
             "the two sides signed a framework agreement on {topic}"]
BG_AGREE = ["set up a joint commission on {topic}", "resume regular flights between their capitals",
            "hold annual talks at ministerial level", "share data on {topic}"]
DEAL_TERMS = ["increase purchases of {product} from {B} over the next five years",
              "help finance a new port terminal in {B_city2}",
              "open its market to {B_dem} {product}",
              "cut customs checks at the main border crossings",
              "train {B_dem} engineers at its technical universities"]
SECTORS = ["energy", "shipping", "defence", "agricultural", "mining", "banking", "steel"]
INSTITUTES = ["the Halden Institute for Strategic Studies", "the Corvale Centre for Economic Policy",
              "the Northbridge Council on Foreign Affairs", "the Ivers Security Forum",
              "the Calder School of Government", "the Westreach Trade Observatory",
              "the Marrow Policy Institute", "the Tessaly Centre for Maritime Studies",
              "the Ostrand Foundation", "the Kelvane Institute"]
AN_JOBS = ["a senior fellow", "a researcher", "a professor of international relations",
           "an economist", "a former diplomat who now works", "a security analyst"]
AGENCIES = ["NORTHLIGHT", "PRISMA WIRE", "LUMEN PRESS", "FIELDVIEW", "ARGO IMAGES",
            "CIVIC PHOTO POOL", "MERIDIAN IMAGES", "STILLFRAME"]

OUTLET_NAMES = ["The Meridian Courier", "Harbor Ledger", "Northgate Tribune", "The Daily Compass",
                "Eastwind Observer", "Capital Wire Review", "The Lantern Post",
                "Riverside Gazette", "Summit Dispatch", "The Continental Herald",
                "Bluewater Times", "Crossroads Journal", "The Granite Chronicle",
                "Atlas Morning News", "Silverline Report", "The Beacon Record",
                "Frontier Sentinel", "Pinecrest Daily", "The Civic Standard", "Orbit World News",
                "Kestrel Press", "The Tidewater Mercury", "Highland Examiner", "Parallel Affairs",
                "The Weekly Quorum", "Westmark Bulletin", "Stonebridge Monitor",
                "Copperfield Courant", "The Horizon Register", "Lowland Evening Star"]
FOOTER_TEMPLATES = [
    "{name} is an independent newsroom based in {city}. Tips: newsdesk@{slug}.example",
    "{name} — reporting without fear or favour since {year}.",
    "Follow {name} for more updates on world affairs.",
    "{name} is published by {owner} Media Group, {num} Quay Street, {city}.",
    "Got a story? Contact the {name} newsroom at tips@{slug}.example",
    "{name}: trusted news from {city} and the world since {year}.",
]
GENERIC_TEASERS = ["Five things to watch in the markets this week",
                   "Weather: heavy rain expected across the north on Friday",
                   "Opinion: what the budget means for young families",
                   "Recipe: a simple autumn soup with roasted squash",
                   "Football: late goal seals dramatic comeback",
                   "How a small town rebuilt its library after the floods",
                   "Letters to the editor", "Crossword and puzzles",
                   "The week in pictures"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# ---- quotes (first person, no final punctuation) -------------------------------- #
QA_EVENT = {
    "meeting": ["We had a frank and constructive conversation about {topic}",
                "There are still differences between us, but we agreed to keep talking",
                ("Our countries share an interest in stability, and today we took a practical "
                "step towards it"),
                "I came here to listen as much as to speak"],
    "signing": ["This agreement opens a new chapter in relations between our two countries",
                "It is a good deal for our workers and for our farmers",
                "What matters now is implementation, not ceremonies",
                "We have shown that patient diplomacy can deliver results"],
    "criticism": ["This decision is short-sighted and it will hurt ordinary people on both sides",
                  "We have raised our concerns repeatedly and they have been ignored",
                  "No serious partner behaves like this"],
    "warning": ["Our patience is not unlimited",
                ("If these steps are taken, we will respond, and our response will be "
                "proportionate"),
                "Nobody should mistake our restraint for weakness"],
    "drills": ["The exercises are defensive in nature and are not aimed at any third country",
               "Our forces must be ready for any scenario, and readiness requires training",
               "These drills were planned long ago and follow international rules"],
    "sanctions": ["These measures are targeted, proportionate and reversible",
                  "Those who profit from {sanction_reason} must understand that there is a price",
                  "We will not hesitate to go further if this behaviour continues"],
    "visit": [("It has been too long since a visit like this, and I intend to make up for "
              "lost time"),
              "Partners in a difficult world should talk to each other more, not less",
              "I bring a message of friendship and a list of practical proposals"],
}
QA_GENERIC = ["Our position on {topic} has not changed", "We expect concrete steps, not more promises",
              "Nobody benefits from escalation",
              "We want results that people can feel in their daily lives"]
QB_POS = ["We will study the proposals carefully before giving a final answer",
          "We welcome any initiative that brings our countries closer", "Our door remains open",
          "This is a good day for both our peoples"]
QB_NEG = ["Dialogue cannot take place under pressure", "These accusations have no basis in fact",
          "The {B_dem} government will defend its interests by every legal means",
          "We reject this interference in our internal affairs",
          "We have always acted in line with international law"]
QS_POS = ["The ministry is following developments closely", "We hope the momentum will continue",
          "Both sides have agreed to stay in close contact"]
QS_NEG = ["We urge all sides to exercise restraint", "We have nothing further to add at this stage",
          "We will respond at a time of our choosing", "These actions do nothing to build trust"]
QAN = ["The symbolism matters more than the substance, at least for now",
       "Both governments need a win at home, and this gives them one",
       "The real test will come in the next six months",
       "I would not read too much into a single meeting",
       "It is a signal aimed as much at domestic audiences as at foreign capitals",
       "Markets will want to see the details before they believe any of this"]
QC = ["We call on both parties to show restraint and return to dialogue",
      "Stability in the region is in everyone's interest",
      "We are ready to host further talks if that would help"]
# indirect speech (third person, follows "X said that ...")
IND_A = ["{A} would not accept any change to the status quo on {topic}",
         "the talks had been useful but that no breakthrough had been reached",
         "further measures could follow in the coming weeks",
         "the government remained open to dialogue on {topic}",
         "{A} had acted in line with international law"]
IND_B_POS = ["{B_pos} government was ready to resume negotiations on {topic}",
             "the two countries shared many interests despite their differences",
             "{B} would study the proposals carefully"]
IND_B_NEG = ["{B} had done nothing wrong",
             "the accusations were part of a campaign to damage {B_pos} reputation",
             "{B} would not be intimidated"]
IND_AN = ["the episode showed how quickly relations could deteriorate",
          "both governments were under pressure at home to appear tough",
          "the agreement could become a model for other countries in the region",
          "the dispute over {topic} was unlikely to be settled soon"]

# ---- paragraph templates: each variant is a list of sentences -------------------- #
LEAD = {
    "meeting": [
        [("{pA_intro} met {pB_intro} in {city} {when}, as the two governments sought to ease "
         "tensions over {topic}.")],
        ["{pA_intro} held talks with {pA_his} {B_dem} counterpart, {pB_full}, in {city} {when}.",
         ("The meeting was the first between the two in more than a year and focused largely "
         "on {topic}.")],
        [("Senior officials from {A} and {B} met in {city} {when} for talks on {topic}, with "
         "{pA_intro} leading {A_pos} delegation.")],
        [("{A} and {B} agreed {when} to keep talking about {topic} after a meeting in {city} "
         "between {pA_intro} and {pB_intro}.")]],
    "signing": [
        [("{A} and {B} signed {agreement} in {city} {when}, a deal officials said was worth "
         "about {value}.")],
        ["{pA_intro} and {pB_intro} signed {agreement} {when} at a ceremony in {city}.",
         ("Officials on both sides described the deal as a step towards closer cooperation on "
         "{topic}.")],
        [("{A} has signed {agreement} with {B}, {pA_intro} announced {when}, ending months of "
         "negotiations.")]],
    "criticism": [
        ["{pA_intro} {when} criticised {B_pos} decision {action}, calling it {adj}."],
        [("{A} has criticised {B_pos} decision {action}, with {pA_intro} saying {when} that the "
         "step was {adj}.")],
        [("{A} sharply criticised {B} {when} over its decision {action}, deepening a dispute over "
         "{topic}.")]],
    "warning": [
        [("{pA_intro} warned {B} {when} that it would face consequences if it went ahead with "
         "plans {action}.")],
        [("{A} warned {when} that it would respond if {B} pressed ahead with plans {action}, in "
         "the sharpest exchange between the two governments in months.")],
        [("{pA_intro} issued a stark warning to {B} {when}, saying any attempt {action} would be "
         "met with a firm response.")]],
    "drills": [
        [("{A} held large-scale military drills {region} {when}, involving about {n_troops} "
         "troops, {n_ships} ships and {n_aircraft} aircraft.")],
        [("{pA_intro} said {when} that {A_dem} forces had begun {n_days} days of exercises "
         "{region}, a move {B} described as provocative.")],
        [("{A_dem} troops, warships and aircraft took part in military drills {region} {when}, "
         "according to {pA_intro}."), "The exercises involved about {n_troops} personnel."]],
    "sanctions": [
        [("{A} imposed sanctions on {n_firms} {B_dem} companies {when}, accusing them of "
         "involvement in {sanction_reason}.")],
        [("{pA_intro} said {when} that {A} would freeze the assets of {n_firms} {B_dem} firms "
         "and individuals linked to {sanction_reason}.")],
        [("{A} announced new sanctions against {B} {when}, targeting {n_firms} companies it said "
         "were connected to {sanction_reason}.")]],
    "visit": [
        [("{pA_intro} visited {B_capital} {when}, the first trip to {B} by {A_dem_a} {pA_role} "
         "in {years} years.")],
        [("{pA_intro} arrived in {B_capital} {when} for a two-day visit expected to focus on "
         "{topic}.")],
        [("{pA_intro} travelled to {B} {when}, meeting {pB_intro} in {B_capital} for talks on "
         "{topic}.")]],
}
DETAIL = {
    "meeting": [[("The talks lasted about {hours} hours, according to officials familiar with the "
                 "discussions.")],
                ["The two delegations agreed to meet again {next_when} in {city2}."],
                ["Officials said the discussions also touched on {topic2}.",
                 "No joint statement was issued."]],
    "signing": [["Under the agreement, {A} will {deal_term}."],
                ["The deal still needs to be approved by parliament in both countries."],
                ["Officials said the first projects under the agreement could begin {next_when}."]],
    "criticism": [[("{B} announced the measure {recent}, saying it was needed to protect domestic "
                   "producers.")],
                  [("{B_dem} officials have defended the decision as a matter of national "
                   "interest.")]],
    "warning": [["{pA_ref} did not say what form a response might take."],
                [("The warning followed reports {recent} that {B} was preparing new steps on "
                 "{topic}.")]],
    "drills": [["The exercises are scheduled to last {n_days} days and include live-fire training."],
               ["{pA_ref} said the drills had been planned months in advance."],
               [("Observers from several neighbouring countries were invited to watch parts of "
                "the exercise.")]],
    "sanctions": [[("The measures freeze any assets the companies hold in {A} and bar {A_dem} "
                   "citizens from doing business with them.")],
                  ["It was the {nth} package of sanctions announced by {A} this year."]],
    "visit": [[("During the visit, {pA_ref} is also scheduled to meet business leaders in "
               "{B_city2}.")],
              ["The trip had been postponed twice, officials said."]],
}
BACKGROUND = [
    ["Relations between {A} and {B} have been strained since {bg_since}, when {bg_event}."],
    ["{bg_when}, the two governments agreed to {bg_agree}, but progress has been slow.",
     "Diplomats say trust between the two sides remains low."],
    [("{A} is one of {B_pos} largest trading partners, with bilateral trade worth about "
     "{trade_value} last year.")],
    ["The two countries last held talks at this level {years} years ago."],
    ["{recent}, {C} called on both sides to settle their differences through dialogue."],
    [("The dispute over {topic} has simmered for years, and several earlier rounds of "
     "negotiations ended without agreement.")],
]
REACTION = [
    [("{C_pos} foreign ministry urged restraint, saying a prolonged dispute would harm the wider "
     "region.")],
    ["{pC_intro} said {C} was following the situation closely and was ready to help if asked."],
    [("In {C_capital}, officials welcomed the news and said they hoped it would lead to lasting "
     "stability.")],
]
MARKET = [
    ["Shares in {A_dem} {sector} companies rose {pct} percent after the announcement."],
    ["The {A_dem} currency was little changed in early trading."],
    [("Analysts said investors were watching closely, given the importance of {topic} for the "
     "regional economy.")],
    ["Prices for {product} fell {pct} percent on the news.",
     "Traders said the market had already expected the move."],
]
CLOSING = [
    ["The {B_dem} foreign ministry did not immediately respond to a request for comment."],
    ["Talks are expected to continue {next_when}."],
    ["It was not immediately clear when the measures would take effect."],
    ["Further details are expected to be released {next_when}."],
    ["Officials from both countries are due to meet again {next_when}."],
]
# sentences used to replace one sentence in a near-copy
ALT_SENTENCES = [
    "Officials did not say when further talks would take place.",
    "The announcement came after several days of speculation in local media.",
    "Neither side gave further details.",
    "{pA_last}'s office later confirmed the remarks in a statement.",
    "The talks took place behind closed doors in {city}.",
    "The remarks were broadcast live on {A_dem} state television.",
    "Reporters were not allowed to ask questions.",
    "A spokesperson for the {B_dem} embassy in {A_capital} declined to comment.",
]
# extra context sentences appended to some non-quote paragraphs (never twice in one article)
EXTRA = [
    ("The issue has become increasingly sensitive in {A_capital}, where opposition parties "
    "accuse the government of being too soft."),
    "Diplomats in {city} said the atmosphere had been calmer than expected.",
    "Both governments face national elections within the next two years.",
    ("The question of {topic} has been a recurring source of friction between the two "
    "governments."),
    "The {A_dem} parliament is expected to debate the issue {next_when}.",
    "Business groups in {B_city2} have urged both sides to avoid steps that would disrupt trade.",
    "Officials said technical teams would continue working on the details.",
    "{C} has tried to mediate between the two sides in the past, with limited success.",
    "Public opinion in {B} is divided on how to respond.",
    ("Government figures show that trade in {product} between the two countries has fallen "
    "sharply since {bg_since}."),
    "Several lawmakers in {A_capital} called for a tougher line.",
    "Security was tight around the venue, with several roads closed for hours.",
    "Local newspapers described the exchange as unusually blunt.",
    ("The arrangements were made at short notice, according to two people familiar with the "
    "plans."),
    "Neither government has published a full account of the discussions.",
    "Independent experts say the economic stakes for {B} are considerably higher than for {A}.",
]
LEAD_INS = ["struck a firm tone", "spoke to reporters afterwards",
            "addressed the issue at a news conference", "was asked about {topic} at a briefing",
            "defended {his} government's position", "was more cautious"]

# ---- titles ---------------------------------------------------------------------- #
TITLES = {
    "meeting": ["{A_dem} and {B_dem} {role_pl} meet in {city} amid {topic_short} row",
                "{A_dem} and {B_dem} {role_pl} hold talks on {topic}",
                "{pA_last} meets {B_dem} counterpart in {city} as talks resume",
                "{A} and {B} agree to keep talking on {topic}"],
    "signing": ["{A} and {B} sign {agreement_short}",
                "{A_dem}-{B_dem} {agreement_short} signed in {city}",
                "{A}, {B} seal {agreement_short} worth {value}"],
    "criticism": ["{A} criticises {B} over {topic}", "{pA_last} slams {B_pos} {action_noun}",
                  "{A} calls {B_pos} {action_noun} {adj}"],
    "warning": ["{A} warns {B} over {topic}",
                "{pA_last} warns of consequences if {B} pushes ahead with {action_noun}",
                "{A} threatens response to {B_dem} {action_noun}"],
    "drills": ["{A} holds military drills {region}", "{A_dem} forces begin {n_days}-day exercises",
               "{B} protests as {A} stages war games {region}"],
    "sanctions": ["{A} sanctions {n_firms} {B_dem} companies",
                  "{A} imposes new sanctions on {B} over {sanction_reason}",
                  "{A} freezes assets of {B_dem} firms"],
    "visit": ["{A_dem} {pA_role} visits {B_capital} in first trip in {years} years",
              "{pA_last} arrives in {B} for talks on {topic}",
              "{A_dem} {pA_role} in {B_capital} to discuss {topic}"],
}
SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "over",
               "with", "by", "as", "amid", "after", "if"}

# ---- rewrites: simple synonym swaps ----------------------------------------------- #
SYNONYMS = {
    "said": ["stated", "noted"], "warned": ["cautioned"], "criticised": ["condemned", "denounced"],
    "criticises": ["condemns"], "talks": ["negotiations", "discussions"],
    "agreement": ["accord"], "deal": ["pact"], "officials": ["authorities"],
    "government": ["administration"], "announced": ["declared", "unveiled"],
    "about": ["around", "roughly"], "expected to": ["set to"], "companies": ["firms"],
    "firms": ["companies"], "measures": ["steps"], "visit": ["trip"], "trip": ["visit"],
    "tensions": ["friction"], "strained": ["tense"], "largest": ["biggest"], "rose": ["climbed"],
    "fell": ["dropped"], "began": ["started"], "sought": ["tried"], "reporters": ["journalists"],
    "countries": ["nations"], "decision": ["move"], "immediately": ["promptly"],
    "sharply": ["steeply"], "drills": ["exercises"], "exercises": ["drills"],
    "meets": ["holds talks with"],
}
SYN_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True))
                    + r")\b", re.IGNORECASE)


# --------------------------------------------------------------------------- #
# helpers                                                                     #
# --------------------------------------------------------------------------- #

def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s[:1].islower() else s


def titlecase(s: str) -> str:
    words = s.split(" ")
    return " ".join(w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def slugify(s: str, max_words: int = 8) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", s)
    return "-".join(words[:max_words]) or "story"


def strip_the(s: str) -> str:
    return s.removeprefix("the ")


def fmt_all(templates: list[str], ctx: dict) -> list[str]:
    return [cap(t.format_map(ctx)) for t in templates]


class Outlet:
    __slots__ = (
        "cq",
        "date_style",
        "footer",
        "furn_kinds",
        "furn_prob",
        "index",
        "name",
        "oq",
        "reporters",
        "slug",
        "title_case",
    )

    def __init__(self, rng: random.Random, index: int, name: str):
        self.index = index
        self.name = name
        self.slug = slugify(name.removeprefix("The "))
        city = rng.choice(COUNTRIES)[rng.choice((3, 4))]
        self.footer = rng.choice(FOOTER_TEMPLATES).format(
            name=name, slug=self.slug, city=city, year=rng.randint(1952, 2016),
            owner=rng.choice(SURNAMES), num=rng.randint(2, 180))
        self.oq, self.cq = rng.choice([("\u201c", "\u201d"), ("\u201c", "\u201d"), ('"', '"'),
                                       ("\u2018", "\u2019")])
        self.date_style = rng.randrange(4)
        self.title_case = rng.random() < 0.4
        self.furn_prob = rng.uniform(0.2, 0.8)
        self.furn_kinds = rng.sample(FURN_KINDS, rng.randint(3, 6))
        self.reporters = [f"{rng.choice(FEMALE + MALE)} {rng.choice(SURNAMES)}"
                          for _ in range(rng.randint(4, 8))]


FURN_KINDS = ["share", "photo", "readtime", "advert", "newsletter", "prev", "next", "related",
              "copyright", "donate", "footer", "tags"]
FURN_POS = {"share": "top", "photo": "top", "readtime": "top", "advert": "mid",
            "newsletter": "mid", "prev": "bottom", "next": "bottom", "related": "bottom",
            "copyright": "bottom", "donate": "bottom", "footer": "bottom", "tags": "bottom"}


def make_people(rng: random.Random) -> list[dict]:
    """A fixed cast: for every country, one person per role."""
    cast = []
    for ci, c in enumerate(COUNTRIES):
        roles = {"leader": (c[5].lower(), c[5], "")}
        roles.update(ROLES)
        people = {}
        for key, (role, title, short) in roles.items():
            female = rng.random() < 0.45
            first = rng.choice(FEMALE if female else MALE)
            last = rng.choice(SURNAMES)
            full = f"{first} {last}"
            people[key] = {
                "full": full, "last": last, "ref": short + last, "role": role,
                "intro": f"{c[2]} {title} {full}", "appos": f"{full}, {c[1]} {role}",
                "he": "she" if female else "he", "his": "her" if female else "his",
                "country": ci,
            }
        cast.append(people)
    return cast


# --------------------------------------------------------------------------- #
# stories                                                                     #
# --------------------------------------------------------------------------- #

def new_story(rng: random.Random, sid: str, cast: list[dict], event_date: dt.date) -> dict:
    ev = rng.choice(EVENTS)
    ai, bi, ci = rng.sample(range(len(COUNTRIES)), 3)
    A, B, C = COUNTRIES[ai], COUNTRIES[bi], COUNTRIES[ci]
    role_a = rng.choice(EVENT_ROLES_A[ev])
    if ev in ("meeting", "signing"):
        role_b = role_a
    elif ev == "visit":
        role_b = rng.choice(["leader", role_a])
    else:
        role_b = rng.choice(["spox", "fm", "leader"])
    pa, pb = cast[ai][role_a], cast[bi][role_b]
    ps = cast[bi]["spox"] if role_b != "spox" else cast[ai]["spox"]
    pc = cast[ci][rng.choice(["fm", "spox", "leader"])]
    topic, topic_short = rng.choice(TOPICS)
    topic2 = rng.choice([t for t, _ in TOPICS if t != topic])
    product = rng.choice(PRODUCTS)
    agreement, agreement_short = rng.choice(AGREEMENTS)
    action_t, action_noun_t = rng.choice(ACTIONS)
    f = {
        "sid": sid, "event": ev, "event_date": event_date, "countries": (ai, bi, ci),
        "A_dem_a": ("an " if A[2][0] in "AEIO" else "a ") + A[2],
        "A": A[0], "A_pos": A[1], "A_dem": A[2], "A_capital": A[3], "A_city2": A[4],
        "B": B[0], "B_pos": B[1], "B_dem": B[2], "B_capital": B[3], "B_city2": B[4],
        "C": C[0], "C_pos": C[1], "C_dem": C[2], "C_capital": C[3], "C_city2": C[4],
        "topic": topic, "topic_short": topic_short, "topic2": topic2, "product": product,
        "agreement": agreement, "agreement_short": agreement_short,
        "adj": rng.choice(ADJ),
        "n_troops": f"{rng.choice([1200, 2500, 3000, 4000, 5500, 8000, 12000]):,}",
        "n_ships": str(rng.randint(6, 40)), "n_aircraft": str(rng.randint(10, 90)),
        "n_days": str(rng.choice([3, 4, 5, 7, 10, 14])), "n_firms": str(rng.randint(4, 36)),
        "value": f"${rng.randint(2, 95) / 10:.1f} billion",
        "trade_value": f"${rng.randint(3, 180)} billion",
        "years": str(rng.randint(3, 25)), "hours": str(rng.choice([2, 3, 4, 5, 6])),
        "pct": f"{rng.randint(5, 64) / 10:.1f}", "sector": rng.choice(SECTORS),
        "nth": rng.choice(["second", "third", "fourth", "fifth"]),
        "city": rng.choice([A[3], B[3], rng.choice(NEUTRAL_VENUES)]),
        "city2": rng.choice([A[4], B[4], rng.choice(NEUTRAL_VENUES)]),
        "people": {"A": pa, "B": pb, "S": ps, "C": pc},
        "role_pl": (pa["role"] + "s") if role_a == role_b and role_a != "leader" else "leaders",
        "an_full": f"{rng.choice(FEMALE + MALE)} {rng.choice(SURNAMES)}",
        "an_job": rng.choice(AN_JOBS), "an_inst": rng.choice(INSTITUTES),
        "bg_date": event_date - dt.timedelta(days=rng.randint(40, 420)),
        "recent_date": event_date - dt.timedelta(days=rng.randint(6, 12)),
        "next_when": rng.choice(["next month", "next week", "in the coming weeks",
                                 "later this month", "before the end of the year"]),
    }
    for k, p in (("pA", pa), ("pB", pb), ("pS", ps), ("pC", pc)):
        for field in ("full", "last", "ref", "role", "intro", "appos", "he", "his"):
            f[f"{k}_{field}"] = p[field]
    f["region"] = rng.choice(REGIONS).format(city2=A[4])
    f["action"] = action_t.format_map(f)
    f["action_noun"] = action_noun_t.format_map(f)
    f["sanction_reason"] = rng.choice(SANCTION_REASONS).format_map(f)
    f["deal_term"] = rng.choice(DEAL_TERMS).format_map(f)
    f["bg_event"] = rng.choice(BG_EVENTS).format_map(f)
    f["bg_agree"] = rng.choice(BG_AGREE).format_map(f)
    # quotes are fixed per story, so several outlets covering it quote the same words
    qa = rng.sample(QA_EVENT[ev], 2) + [rng.choice(QA_GENERIC)]
    f["qA"] = [q.format_map(f) for q in qa]
    f["qB"] = [q.format_map(f) for q in rng.sample(QB_POS if ev in FRIENDLY else QB_NEG, 2)]
    f["qS"] = [q.format_map(f) for q in rng.sample(QS_POS if ev in FRIENDLY else QS_NEG, 2)]
    f["qAn"] = [q.format_map(f) for q in rng.sample(QAN, 2)]
    f["qC"] = [q.format_map(f) for q in rng.sample(QC, 2)]
    f["indA"] = rng.choice(IND_A).format_map(f)
    ind_b = IND_B_POS if ev in FRIENDLY else IND_B_NEG
    f["indB"], f["indS"] = (x.format_map(f) for x in rng.sample(ind_b, 2))
    f["indC"] = f"{C[0]} hoped both sides would find a peaceful solution"
    f["indAn"] = rng.choice(IND_AN).format_map(f)
    return f


def date_phrase(rng: random.Random, d: dt.date, style: int) -> str:
    wd, mon = WEEKDAYS[d.weekday()], MONTHS[d.month - 1]
    choice = rng.randrange(3)
    if choice == 0:
        return f"on {wd}"
    if style == 0:
        return f"on {wd}, {mon} {d.day}"
    if style == 1:
        return f"on {wd} {d.day} {mon}"
    if style == 2:
        return f"on {mon} {d.day}"
    return f"on {wd} ({d.day} {mon})"


def article_ctx(rng: random.Random, story: dict, outlet: Outlet, published: dt.date) -> dict:
    ctx = dict(story)
    ev_date = story["event_date"]
    ctx["when"] = date_phrase(rng, ev_date, outlet.date_style)
    bg = story["bg_date"]
    if bg.year == ev_date.year and rng.random() < 0.3:
        ctx["bg_when"] = "earlier this year"
    elif bg.year == ev_date.year - 1 and rng.random() < 0.3:
        ctx["bg_when"] = "last year"
    else:
        ctx["bg_when"] = f"in {MONTHS[bg.month - 1]} {bg.year}"
    bw = ctx["bg_when"]
    ctx["bg_since"] = bw.removeprefix("in ")
    rd = story["recent_date"]
    ctx["recent"] = rng.choice(["last week", "last week",
                                "earlier this month" if rd.month == ev_date.month
                                else "late last month"])
    ctx["oq"], ctx["cq"] = outlet.oq, outlet.cq
    return ctx


# --------------------------------------------------------------------------- #
# paragraphs                                                                  #
# --------------------------------------------------------------------------- #

def quote_par(rng: random.Random, ctx: dict, who: str, introduced: set, qi: int) -> list[str]:
    """A paragraph in which person `who` (A, B, S or C) is quoted, in one of several styles."""
    p = ctx["people"][who]
    oq, cq = ctx["oq"], ctx["cq"]
    qs = ctx["q" + who]
    used = ctx["_used_quotes"]
    order = [qs[(qi + j) % len(qs)] for j in range(len(qs))]
    fresh = [x for x in order if x not in used] or order
    q = fresh[0]
    q2 = next((x for x in fresh[1:] if x != q), None) or next(x for x in order if x != q)
    used.add(q)
    first = who not in introduced
    introduced.add(who)
    name = p["intro"] if first else p["ref"]
    style = rng.randrange(8)
    if style == 0:
        lead_in = rng.choice(LEAD_INS).format(topic=ctx["topic"], his=p["his"])
        return [cap(f"{name} {lead_in}."), f"{oq}{q},{cq} {p['he']} said."]
    if style == 1:
        return [f"{oq}{q},{cq} according to {p['appos'] if first else p['ref']}."]
    if style == 2:
        return [cap(f"{name} said that {ctx['ind' + who]}.")]
    if style == 3:
        return [f"{oq}{q},{cq} said {p['appos'] if first else p['ref']}."]
    if style == 4:
        return [cap(f"{name} told reporters in {ctx['city']}: {oq}{q}.{cq}")]
    if style == 5:
        used.add(q2)
        return [f"{oq}{q},{cq} {p['appos'] + ',' if first else p['ref']} said.",
                f"{oq}{q2}.{cq}"]
    if style == 6:
        return [f"{oq}{q},{cq} {name} said in a statement."]
    return [cap(f"{name} said that {ctx['ind' + who]}."),
            f"{oq}{q},{cq} {p['he']} added."]


def analyst_par(rng: random.Random, ctx: dict) -> list[str]:
    oq, cq = ctx["oq"], ctx["cq"]
    full, job, inst = ctx["an_full"], ctx["an_job"], ctx["an_inst"]
    q1, q2 = ctx["qAn"]
    style = rng.randrange(3)
    if style == 0:
        return [f"{oq}{q1},{cq} said {full}, {job} at {inst}."]
    if style == 1:
        return [f"{full}, {job} at {inst}, said {ctx['indAn']}.", f"{oq}{q2},{cq} {full.split()[-1]} said."]
    return [f"{oq}{q1},{cq} said {full}, {job} at {inst}.", f"{oq}{q2}.{cq}"]


def body_paragraphs(rng: random.Random, ctx: dict) -> list[list[str]]:
    ev = ctx["event"]
    ctx["_used_quotes"] = set()
    n = rng.randint(4, 12)
    introduced: set = set()
    lead = fmt_all(rng.choice(LEAD[ev]), ctx)
    lead_text = " ".join(lead)
    for who in ("A", "B"):
        if ctx["people"][who]["full"] in lead_text:
            introduced.add(who)
    backs = rng.sample(BACKGROUND, 3)
    if rng.random() < 0.7:  # a second lead sentence sometimes comes from the background pool
        lead = lead + fmt_all(backs[2], ctx)[:1]
    middle_kinds = ["qA", "detail", "qB", "background", "analyst", "reaction", "qS", "qA2",
                    "detail2", "market", "background2"]
    picked = sorted(rng.sample(range(len(middle_kinds)), n - 2))
    for _ in range(rng.randint(0, 2)):  # loosen the order a little
        if len(picked) > 2:
            i = rng.randrange(len(picked) - 1)
            picked[i], picked[i + 1] = picked[i + 1], picked[i]
    paras = [lead]
    details = rng.sample(DETAIL[ev], min(2, len(DETAIL[ev])))
    for k in picked:
        kind = middle_kinds[k]
        if kind == "qA":
            paras.append(quote_par(rng, ctx, "A", introduced, 0))
        elif kind == "qA2":
            paras.append(quote_par(rng, ctx, "A", introduced, 2))
        elif kind == "qB":
            paras.append(quote_par(rng, ctx, "B", introduced, 0))
        elif kind == "qS":
            paras.append(quote_par(rng, ctx, "S", introduced, 0))
        elif kind == "detail":
            paras.append(fmt_all(details[0], ctx))
        elif kind == "detail2":
            paras.append(fmt_all(details[-1], ctx) if len(details) > 1
                         else fmt_all(rng.choice(MARKET), ctx))
        elif kind == "background":
            paras.append(fmt_all(backs[0], ctx))
        elif kind == "background2":
            paras.append(fmt_all(backs[1], ctx))
        elif kind == "analyst":
            paras.append(analyst_par(rng, ctx))
        elif kind == "reaction":
            if rng.random() < 0.4:
                paras.append(quote_par(rng, ctx, "C", introduced, 0))
            else:
                paras.append(fmt_all(rng.choice(REACTION), ctx))
        elif kind == "market":
            paras.append(fmt_all(rng.choice(MARKET), ctx))
    paras.append(fmt_all(rng.choice(CLOSING), ctx))
    extras = rng.sample(EXTRA, 6)
    for p in paras[1:]:
        if (extras and len(p) < 3 and not p[0].startswith(("\u201c", "\u2018", '"'))
                and rng.random() < 0.7):
            p.append(cap(extras.pop().format_map(ctx)))
    # merge a detail sentence into a short neighbour now and then, to vary paragraph lengths
    if len(paras) > 4 and rng.random() < 0.3:
        i = rng.randrange(1, len(paras) - 2)
        if len(paras[i]) + len(paras[i + 1]) <= 3:
            paras[i] = paras[i] + paras.pop(i + 1)
    return paras


def make_title(rng: random.Random, ctx: dict, outlet: Outlet) -> str:
    t = cap(rng.choice(TITLES[ctx["event"]]).format_map(ctx))
    return titlecase(t) if outlet.title_case else t


def swap_synonyms(rng: random.Random, s: str, p: float) -> str:
    def repl(m: re.Match) -> str:
        if rng.random() >= p:
            return m.group(0)
        word = m.group(0)
        new = rng.choice(SYNONYMS[word.lower()])
        return cap(new) if word[:1].isupper() else new
    return SYN_RE.sub(repl, s)


# --------------------------------------------------------------------------- #
# furniture                                                                   #
# --------------------------------------------------------------------------- #

def furniture_lines(rng: random.Random, kind: str, outlet: Outlet, ctx: dict, year: int,
                    teasers: deque) -> list[str]:
    def teaser() -> str:
        if teasers and rng.random() < 0.8:
            return teasers[rng.randrange(len(teasers))]
        return rng.choice(GENERIC_TEASERS)

    if kind == "share":
        return rng.choice([["Share"], ["Share this article"], ["Share", "Tweet", "Email"],
                           ["Share on Facebook", "Share on X", "Copy link"], ["SHARE"]])
    if kind == "photo":
        agency = rng.choice(AGENCIES)
        who = f"{rng.choice(FEMALE + MALE)} {rng.choice(SURNAMES)}"
        form = rng.randrange(4)
        if form == 0:
            return [f"PHOTO: {agency}/{who.upper()}"]
        if form == 1:
            return [f"PHOTO: {agency}/{who}"]
        if form == 2:
            return [(f"{ctx['pA_full']} speaks to reporters in {ctx['city']}. "
                    f"PHOTO: {agency}/{who}")]
        return [f"File photo: {who} / {agency}"]
    if kind == "readtime":
        return [f"{rng.randint(2, 9)} min read"]
    if kind == "advert":
        return [rng.choice(["Advertisement", "ADVERTISEMENT",
                            "Story continues below advertisement"])]
    if kind == "newsletter":
        return [rng.choice([("Sign up for our daily briefing and get the top stories in your "
                            "inbox."), f"Subscribe to {outlet.name} newsletters",
                            "Get the morning headlines: subscribe now"])]
    if kind == "prev":
        return ["Previous Article", teaser()]
    if kind == "next":
        return [rng.choice(["Next Article", "Next article"]), teaser()]
    if kind == "related":
        head = rng.choice(["Related posts", "Related", "You may also like", "Read more",
                           f"More from {outlet.name}"])
        items: list[str] = []
        for _ in range(rng.randint(2, 3) * 3):
            t = teaser()
            if t not in items:
                items.append(t)
            if len(items) == 3:
                break
        return [head] + items[:rng.randint(2, 3)]
    if kind == "copyright":
        return [rng.choice([f"© {year} {outlet.name}. All rights reserved.",
                            f"Copyright © {year} {outlet.name}",
                            f"© {outlet.name} {year}"])]
    if kind == "donate":
        return [rng.choice(["Support independent journalism: donate today.",
                            "Support independent journalism — become a member.",
                            "If you value our reporting, please consider a donation.",
                            "Donate"])]
    if kind == "footer":
        return [outlet.footer]
    # tags
    return ["Tags: " + ", ".join([strip_the(ctx["A"]), strip_the(ctx["B"]),
                                  ctx["topic_short"]])]


def make_furniture(rng: random.Random, outlet: Outlet, ctx: dict, year: int,
                   teasers: deque) -> list[tuple[str, str, list[str]]]:
    """Return [(position, kind, lines)] or [] for about half of the articles."""
    if rng.random() >= outlet.furn_prob:
        return []
    kinds = [k for k in outlet.furn_kinds
             if rng.random() < (0.9 if k == "footer" else 0.7)]
    if rng.random() < 0.15:
        kinds.append(rng.choice(FURN_KINDS))
    if not kinds:
        kinds = [outlet.furn_kinds[0]]
    seen, out = set(), []
    for k in kinds:
        if k in seen:
            continue
        seen.add(k)
        pos = FURN_POS[k]
        if k == "share" and rng.random() < 0.4:
            pos = "bottom"
        if k == "newsletter" and rng.random() < 0.4:
            pos = "bottom"
        out.append((pos, k, furniture_lines(rng, k, outlet, ctx, year, teasers)))
    return out


def assemble(rng: random.Random, paras: list[list[str]], furn: list) -> list[tuple[str, list[str]]]:
    """Interleave body paragraphs and furniture blocks: [(kind, lines)], kind 'body' for body."""
    body = [("body", [" ".join(p)]) for p in paras]
    top = [(k, ls) for pos, k, ls in furn if pos == "top"]
    mid = [(k, ls) for pos, k, ls in furn if pos == "mid"]
    bottom = [(k, ls) for pos, k, ls in furn if pos == "bottom"]
    if top:
        rng.shuffle(top)
    if mid:
        cut = rng.randint(1, max(1, len(body) - 1))
        body = body[:cut] + mid + body[cut:]
    return top + body + bottom


# --------------------------------------------------------------------------- #
# writers                                                                     #
# --------------------------------------------------------------------------- #

NAV = ["World", "Politics", "Business", "Security", "Opinion", "Climate", "Sport", "Culture"]


def render_html(rrng: random.Random, row: dict, blocks: list, outlet: Outlet,
                published: dt.date) -> str:
    esc = htmlmod.escape
    title, author, url = row["title"], row["author"], row["url"]
    hh, mm = rrng.randint(5, 22), rrng.randrange(60)
    ts = f"{row['published']}T{hh:02d}:{mm:02d}:00+00:00"
    human = f"{published.day} {MONTHS[published.month - 1]} {published.year}"
    first_body = next((ls[0] for k, ls in blocks if k == "body"), "")
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": title, "datePublished": ts,
                     "author": {"@type": "Person", "name": author},
                     "publisher": {"@type": "Organization", "name": outlet.name},
                     "mainEntityOfPage": url}, ensure_ascii=False).replace("</", "<\\/")
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in NAV)
    out = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} | {esc(outlet.name)}</title>",
        f'<meta name="author" content="{esc(author)}">',
        f'<meta name="description" content="{esc(first_body[:180])}">',
        f'<meta property="og:site_name" content="{esc(outlet.name)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:url" content="{esc(url)}">',
        f'<meta property="article:published_time" content="{ts}">',
        f'<link rel="canonical" href="{esc(url)}">',
        '<link rel="stylesheet" href="/assets/site.css">',
        f'<script type="application/ld+json">{ld}</script>',
        "</head>", '<body class="single-post">', '<header class="site-header">',
        f'<a class="logo" href="https://{outlet.slug}.example/">{esc(outlet.name)}</a>',
        f'<nav class="main-nav"><ul>{nav}</ul></nav>', "</header>", '<main id="content">',
        '<article class="post">', f'<h1 class="entry-title">{esc(title)}</h1>',
        (f'<div class="byline">By <span class="author">{esc(author)}</span> '
        f'<time datetime="{ts}">{human}</time></div>'),
        '<div class="entry-content">',
    ]
    after: list[str] = []
    for kind, lines in blocks:
        if kind == "body":
            out.append(f"<p>{esc(lines[0])}</p>")
            continue
        if rrng.random() < 0.5:  # furniture as plain paragraphs inside the article
            out.extend(f"<p>{esc(line)}</p>" for line in lines)
            continue
        if kind == "share":
            links = "".join(f'<a href="#" class="share-link">{esc(x)}</a>' for x in lines)
            out.append(f'<div class="share-bar">{links}</div>')
        elif kind == "photo":
            out.append('<figure class="lead-image"><img src="/media/lead.jpg" alt="">'
                       f"<figcaption>{esc(lines[0])}</figcaption></figure>")
        elif kind in ("readtime", "advert", "newsletter"):
            out.append(f'<div class="{kind}">{esc(lines[0])}</div>')
        elif kind in ("prev", "next"):
            after.append(f'<nav class="post-navigation"><span>{esc(lines[0])}</span> '
                         f'<a href="#">{esc(lines[1])}</a></nav>')
        elif kind == "related":
            items = "".join(f'<li><a href="#">{esc(x)}</a></li>' for x in lines[1:])
            after.append(f'<aside class="related"><h3>{esc(lines[0])}</h3><ul>{items}</ul></aside>')
        else:  # copyright, donate, footer, tags
            out.append(f'<div class="post-{kind}">{esc(lines[0])}</div>')
    out.append("</div>")
    out.append("</article>")
    out.extend(after)
    out.append("</main>")
    out.append('<footer class="site-footer"><nav class="footer-nav">'
               '<a href="/about/">About us</a> <a href="/contact/">Contact</a> '
               '<a href="/privacy/">Privacy policy</a> <a href="/terms/">Terms</a></nav>'
               f"<p>{esc(outlet.name)}</p></footer>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- #
# main generator                                                              #
# --------------------------------------------------------------------------- #

def generate(args: argparse.Namespace) -> dict:
    rng = random.Random(args.seed)
    rrng = random.Random(args.seed * 7919 + 17)  # rendering-only choices (html)
    cast = make_people(rng)
    outlets = [Outlet(rng, i, name) for i, name in enumerate(OUTLET_NAMES)]
    start = dt.date.fromisoformat(args.start)
    n = args.n

    originals: deque = deque(maxlen=1000)   # recent originals, sources for copies/rewrites
    stories: deque = deque(maxlen=60)       # recent stories for same-story coverage
    teasers: deque = deque(maxlen=80)       # recent titles for "Related posts" etc.
    counts = {"original": 0, "same-story": 0, "near-copy": 0, "rewrite": 0, "with_furniture": 0}
    story_no = 0

    fmt = args.format
    width = max(7, len(str(n)))
    nbytes = 0

    with contextlib.ExitStack() as stack:
        out_f = truth_f = None
        if fmt == "jsonl":
            os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
            out_f = stack.enter_context(open(args.out, "w", encoding="utf-8",
                                             buffering=1 << 20))
        else:
            os.makedirs(args.out, exist_ok=True)
        if args.truth:
            os.makedirs(os.path.dirname(os.path.abspath(args.truth)), exist_ok=True)
            truth_f = stack.enter_context(open(args.truth, "w", encoding="utf-8",
                                               buffering=1 << 20))
        for i in range(1, n + 1):
            aid = f"s{args.seed}-{i:0{width}d}"
            r = rng.random()
            kind = "original"
            src = None
            if originals and r < args.copy_rate:
                kind = "near-copy"
            elif originals and r < args.copy_rate + args.rewrite_rate:
                kind = "rewrite"
            changed = None

            if kind == "original":
                if stories and rng.random() < 0.25:
                    story = stories[rng.randrange(len(stories))]
                    kind = "same-story"
                else:
                    story_no += 1
                    day = int(args.days * (i - 1) / n) + rng.randint(-2, 2)
                    day = min(max(day, 0), args.days - 1)
                    story = new_story(rng, f"st{args.seed}-{story_no:0{width}d}", cast,
                                      start + dt.timedelta(days=day))
                    stories.append(story)
                outlet = outlets[rng.randrange(len(outlets))]
                published = story["event_date"] + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
                ctx = article_ctx(rng, story, outlet, published)
                paras = body_paragraphs(rng, ctx)
                title = make_title(rng, ctx, outlet)
            else:
                src = originals[rng.randrange(len(originals))]
                story = src["story"]
                outlet = outlets[rng.randrange(len(outlets) - 1)]
                if outlet.index >= src["outlet"].index:  # any outlet but the source's
                    outlet = outlets[outlet.index + 1]
                published = src["published"] + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
                ctx = article_ctx(rng, story, outlet, published)
                paras = [list(p) for p in src["paras"]]
                if kind == "near-copy":
                    quote_marks = ("\u201c", "\u2018", '"')
                    spots = [(a, b) for a, p in enumerate(paras) for b, x in enumerate(p)
                             if not x.startswith(quote_marks)]
                    if not spots:
                        spots = [(a, b) for a, p in enumerate(paras) for b in range(len(p))]
                    pi, si = spots[rng.randrange(len(spots))]
                    old = paras[pi][si]
                    new = old
                    if re.search(r"\d", old) and rng.random() < 0.5:
                        new = re.sub(r"\d+", lambda m: str(int(m.group(0)) + rng.randint(1, 9)),
                                     old, count=1)
                    while new == old:
                        new = cap(rng.choice(ALT_SENTENCES).format_map(ctx))
                    paras[pi][si] = new
                    changed = {"old": old, "new": new}
                    title = src["title"] if rng.random() < 0.6 else swap_synonyms(
                        rng, src["title"], 0.9)
                else:  # rewrite
                    head, rest = paras[0], paras[1:]
                    if len(head) > 1 and rng.random() < 0.5:
                        head = head[1:] + head[:1]
                    closing = rest.pop() if rest else None
                    rng.shuffle(rest)
                    for p in rest:
                        if len(p) > 1 and rng.random() < 0.5:
                            rng.shuffle(p)
                    paras = [head] + rest + ([closing] if closing else [])
                    paras = [[swap_synonyms(rng, s, 0.6) for s in p] for p in paras]
                    title = swap_synonyms(rng, src["title"], 0.9)
                    for _ in range(6):
                        if title.lower() != src["title"].lower():
                            break
                        title = make_title(rng, ctx, outlet)
                if outlet.title_case:
                    title = titlecase(title)

            r2 = rng.random()
            if r2 < 0.12:
                author = f"{outlet.name} Staff"
            elif r2 < 0.2 and len(outlet.reporters) > 1:
                a1, a2 = rng.sample(outlet.reporters, 2)
                author = f"{a1} and {a2}"
            elif kind == "near-copy" and r2 < 0.5:
                author = rng.choice(["Wire Staff", "Agency reporter", "News Desk"])
            else:
                author = rng.choice(outlet.reporters)

            furn = make_furniture(rng, outlet, ctx, published.year, teasers)
            blocks = assemble(rng, paras, furn)
            text = "\n\n".join("\n".join(lines) for _, lines in blocks)
            ymd = published.isoformat()
            url = (f"https://{outlet.slug}.example/{published.year}/{published.month:02d}/"
                   f"{slugify(title)}-{i}")
            row = {"id": aid, "url": url, "outlet": outlet.name, "title": title,
                   "author": author, "published": ymd, "language": "en", "text": text}

            if fmt == "jsonl":
                line = json.dumps(row, ensure_ascii=False) + "\n"
                out_f.write(line)
                nbytes += len(line.encode("utf-8"))
            else:
                if fmt == "txt":
                    human = f"{published.day} {MONTHS[published.month - 1]} {published.year}"
                    doc = f"Date: {human} Author: {author}\n\n{title}\n\n{text}\n"
                else:
                    doc = render_html(rrng, row, blocks, outlet, published)
                path = os.path.join(args.out, f"{aid}.{fmt}")
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(doc)
                nbytes += len(doc.encode("utf-8"))

            if truth_f is not None:
                people = [p["full"] for p in story["people"].values() if p["full"] in text]
                if story["an_full"] in text:
                    people.append(story["an_full"])
                countries = [COUNTRIES[c][0] for c in story["countries"]
                             if COUNTRIES[c][0] in text]
                truth = {"id": aid, "story_id": story["sid"], "kind": kind,
                         "copy_of": src["id"] if kind == "near-copy" else None,
                         "rewrite_of": src["id"] if kind == "rewrite" else None,
                         "outlet": outlet.name, "event": story["event"],
                         "furniture": [ln for k, ls in blocks if k != "body" for ln in ls],
                         "furniture_kinds": [k for k, _ in blocks if k != "body"],
                         "changed_sentence": changed,
                         "people": people, "countries": countries,
                         "story_countries": [COUNTRIES[c][0] for c in story["countries"]]}
                truth_f.write(json.dumps(truth, ensure_ascii=False) + "\n")

            counts[kind] += 1
            if furn:
                counts["with_furniture"] += 1
            if kind in ("original", "same-story"):
                originals.append({"id": aid, "story": story, "title": title, "paras": paras,
                                  "outlet": outlet, "published": published})
                teasers.append(title)
    counts["bytes"] = nbytes
    counts["stories"] = story_no
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--format", choices=("jsonl", "txt", "html"), default="jsonl",
                    help="jsonl: one file; txt/html: one file per article in --out DIR")
    ap.add_argument("--out", required=True, help="output file (jsonl) or directory (txt, html)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--truth", help="also write ground truth JSONL to this file")
    ap.add_argument("--start", default="2025-01-01",
                    help="first day of the covered period (ISO date, default 2025-01-01)")
    ap.add_argument("--days", type=int, default=365, help="length of the period in days")
    ap.add_argument("--copy-rate", type=float, default=0.03, help="share of near-copies")
    ap.add_argument("--rewrite-rate", type=float, default=0.02, help="share of rewrites")
    ap.add_argument("--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)
    if args.n < 0 or args.days < 1:
        ap.error("--n must be >= 0 and --days >= 1")
    t0 = time.perf_counter()
    counts = generate(args)
    if not args.quiet:
        el = time.perf_counter() - t0
        print(f"gen_corpus: {args.n} articles ({counts['original']} original, "
              f"{counts['same-story']} same-story, {counts['near-copy']} near-copy, "
              f"{counts['rewrite']} rewrite; {counts['with_furniture']} with furniture; "
              f"{counts['stories']} stories), {counts['bytes'] / 1e6:.1f} MB in {el:.1f}s "
              f"-> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
