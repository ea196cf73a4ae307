/* Tests of the text stage: tokenizer, sentence splitter, boilerplate cleaner. */
#include "check.h"
#include <time.h>
#include "coref.h"
#include "core/doc.h"
#include "text/text.h"

/* Build a doc over a copy of s, optionally clean, then tokenize. */
static struct coref_doc *run(const char *s, size_t n, int clean)
{
    struct coref_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->text = malloc(n + 1);
    assert_non_null(d->text);
    memcpy(d->text, s, n);
    d->text[n] = 0;
    d->len = n;
    if (clean) assert_int_equal(text_clean(d), 0);
    assert_int_equal(text_tokenize(d), 0);
    return d;
}

static void done(struct coref_doc *d)
{
    doc_free_layers(d);
    free(d);
}

/* Tokens joined by '|', sentences separated by " || ". Static buffer. */
static const char *joined(const struct coref_doc *d)
{
    static char buf[8192];
    size_t k = 0;
    buf[0] = 0;
    for (size_t si = 0; si < d->nsent; si++) {
        if (si) k += (size_t)snprintf(buf + k, sizeof buf - k, " || ");
        for (uint32_t i = d->sents[si].tok_begin; i < d->sents[si].tok_end && k < sizeof buf - 1; i++) {
            const tok_t *t = &d->toks[i];
            k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%.*s", i > d->sents[si].tok_begin ? "|" : "",
                                  (int)(t->end - t->start), d->text + t->start);
        }
    }
    return buf;
}

static void expect(const char *in, const char *want)
{
    struct coref_doc *d = run(in, strlen(in), 0);
    CHECK_STR(joined(d), want, in);
    /* every token is an exact substring and tokens are ordered */
    for (size_t i = 0; i < d->ntok; i++) {
        assert_true(d->toks[i].start < d->toks[i].end);
        assert_true(d->toks[i].end <= d->len);
        if (i) assert_true(d->toks[i - 1].end <= d->toks[i].start);
    }
    done(d);
}

static void test_basic(void **st)
{
    (void)st;
    expect("Putin added that Russia is ready to work with the next US president.",
           "Putin|added|that|Russia|is|ready|to|work|with|the|next|US|president|.");
    expect("I don\xE2\x80\x99t know, and I can't say.",
           "I|do|n\xE2\x80\x99t|know|,|and|I|ca|n't|say|.");
    expect("We won't go; you cannot stay. I'm gonna leave.",
           "We|wo|n't|go|;|you|can|not|stay|. || I|'m|gon|na|leave|.");
    expect("Russia's and the students' books cost $5, about 1,000 times 3.5 at 10:30.",
           "Russia|'s|and|the|students|'|books|cost|$|5|,|about|1,000|times|3.5|at|10:30|.");
    expect("E-mail me at john.smith@example.com or see http://www.cnn.com/2016/a.html (@CNN #news) :)",
           "E-mail|me|at|john.smith@example.com|or|see|http://www.cnn.com/2016/a.html|(|@CNN|#news|)|:)");
    expect("The so-called \"non-profit\" group...", "The|so|-|called|\"|non-profit|\"|group|...");
}

static void test_sentences(void **st)
{
    (void)st;
    expect("U.S. officials said Mr. Smith left.", "U.S.|officials|said|Mr.|Smith|left|.");
    expect("He left. She stayed.", "He|left|. || She|stayed|.");
    expect("\"Go home,\" he said. \"Now!\" She went.",
           "\"|Go|home|,|\"|he|said|. || \"|Now|!|\" || She|went|.");
    expect("J. K. Rowling wrote it (in 1997.) Then what?", "J.|K.|Rowling|wrote|it|(|in|1997|.|) || Then|what|?");
    expect("It was e.g. late. No. 5 won.", "It|was|e.g.|late|. || No.|5|won|.");
    expect("Headline without a period\nThe story starts here.",
           "Headline|without|a|period || The|story|starts|here|.");
    expect("First paragraph ends\n\nsecond starts lowercase", "First|paragraph|ends || second|starts|lowercase");
    /* web text: a sentence may start lowercase after a full stop; an
     * abbreviation keeps its period and the sentence goes on */
    expect("if anyone is interested. jill allen finishes today.",
           "if|anyone|is|interested|. || jill|allen|finishes|today|.");
    expect("Apple Inc. said it costs approx. five dollars.", "Apple|Inc.|said|it|costs|approx.|five|dollars|.");
}

static void test_multibyte_offsets(void **st)
{
    (void)st;
    const char *in = "\xE2\x80\x9C" "Caf\xC3\xA9 ol\xC3\xA9,\xE2\x80\x9D said Jos\xC3\xA9.";
    struct coref_doc *d = run(in, strlen(in), 0);
    CHECK_STR(joined(d), "\xE2\x80\x9C|Caf\xC3\xA9|ol\xC3\xA9|,|\xE2\x80\x9D|said|Jos\xC3\xA9|.", in);
    assert_int_equal(d->ntok, 8);
    assert_int_equal(d->toks[0].start, 0);
    assert_int_equal(d->toks[0].end, 3);
    assert_int_equal(d->toks[1].start, 3);
    assert_int_equal(d->toks[1].end, 8);     /* Café = 5 bytes */
    assert_int_equal(d->toks[2].start, 9);
    assert_int_equal(d->toks[2].end, 13);
    assert_int_equal(d->toks[4].start, 14);
    assert_int_equal(d->toks[4].end, 17);
    assert_true(d->toks[4].flags & TF_SPACE_AFTER);
    assert_true(d->toks[1].flags & TF_SPACE_AFTER);
    assert_false(d->toks[2].flags & TF_SPACE_AFTER);
    done(d);
}

static void test_clean(void **st)
{
    (void)st;
    const char *in =
        "Story highlights\n"
        "Putin says Russia is ready to work with the next president\n"
        "Kremlin hopes for better ties\n"
        "\n"
        "DSC_0123.JPG\n"
        "(CNN) \xE2\x80\x94 Russian President Vladimir Putin spoke on Thursday.\n"
        "Putin speaks about the US election 2:15\n"
        "Source: CNN\n"
        "READ MORE: Putin's long game\n"
        "He said Russia is ready to work with the next US president.\n"
        "The meeting started at 10:30 in Moscow.\n";
    struct coref_doc *d = run(in, strlen(in), 1);
    CHECK_STR(joined(d),
              "Russian|President|Vladimir|Putin|spoke|on|Thursday|. || "
              "He|said|Russia|is|ready|to|work|with|the|next|US|president|. || "
              "The|meeting|started|at|10:30|in|Moscow|.",
              in);
    /* the dateline prefix only: the rest of its line stays */
    int dateline = 0;
    for (size_t k = 0; k < d->nskip; k++) {
        assert_true(d->skip[k].start < d->skip[k].end);
        if (k) assert_true(d->skip[k - 1].end < d->skip[k].start);
        if (memcmp(d->text + d->skip[k].start, "(CNN)", 5) == 0) {
            dateline = 1;
            assert_memory_equal(d->text + d->skip[k].end, "Russian", 7);
        }
    }
    assert_true(dateline);
    assert_int_equal(d->len, strlen(in));   /* cleaned bytes stay in the text */
    done(d);

    /* WASHINGTON (Reuters) - dateline; a normal text is left alone */
    const char *in2 = "WASHINGTON (Reuters) - The Senate voted on Tuesday.\nThe vote was 51-49.\n";
    d = run(in2, strlen(in2), 1);
    CHECK_STR(joined(d), "The|Senate|voted|on|Tuesday|. || The|vote|was|51|-|49|.", in2);
    done(d);
    const char *in3 = "The CNN anchor said the show starts at 9:30. Source: a report.\nVideo games are fun.\n";
    d = run(in3, strlen(in3), 1);
    assert_int_equal(d->nskip, 0);
    done(d);
}

/* Skipped ranges of d joined by '|'. Static buffer. */
static const char *skipped(const struct coref_doc *d)
{
    static char buf[4096];
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < d->nskip && k < sizeof buf - 1; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%.*s", i ? "|" : "",
                              (int)(d->skip[i].end - d->skip[i].start), d->text + d->skip[i].start);
    return buf;
}

/* Clean and tokenize in; check the skipped text and the tokens left. */
static void expect_clean(const char *in, const char *want_skip, const char *want_toks)
{
    struct coref_doc *d = run(in, strlen(in), 1);
    CHECK_STR(skipped(d), want_skip, in);
    CHECK_STR(joined(d), want_toks, in);
    for (size_t k = 0; k < d->nskip; k++) {
        assert_true(d->skip[k].start < d->skip[k].end);
        assert_true(d->skip[k].end <= d->len);
        if (k) assert_true(d->skip[k - 1].end < d->skip[k].start);
    }
    done(d);
}

static void test_clean_captions(void **st)
{
    (void)st;
    /* a caption ending in a duration goes; a clock time in a line stays */
    expect_clean("Obama on Syria 2:15\nHe spoke.\n", "Obama on Syria 2:15", "He|spoke|.");
    expect_clean("Video: Lavrov on relations with the West 02:14\nHe spoke.\n",
                 "Video: Lavrov on relations with the West 02:14", "He|spoke|.");
    expect_clean("See the moment the bridge collapsed 1:02:03\n", "See the moment the bridge collapsed 1:02:03", "");
    expect_clean("The vote is at 10:30\n", "", "The|vote|is|at|10:30");
    expect_clean("Polls close at 8:00\nDoors open 19:30\n", "", "Polls|close|at|8:00 || Doors|open|19:30");
    expect_clean("Kickoff 7:30\n", "", "Kickoff|7:30");
    expect_clean("The meeting runs from 9:00 until 10:30\n", "", "The|meeting|runs|from|9:00|until|10:30");
}

/* Phrases with UTF-8 bytes match as their ASCII neighbours do: a copyright
 * credit, a "Read more »" link, an en dash before a clock time. */
static void test_clean_utf8_phrases(void **st)
{
    (void)st;
    expect_clean("\xC2\xA9 Jane Doe 2020\nHe spoke.\n", "\xC2\xA9 Jane Doe 2020", "He|spoke|.");
    expect_clean("Copyright \xC2\xA9 Jane Doe\nHe spoke.\n", "Copyright \xC2\xA9 Jane Doe", "He|spoke|.");
    expect_clean("Read more \xC2\xBB\nHe spoke.\n", "Read more \xC2\xBB", "He|spoke|.");
    expect_clean("Doors open Tuesday \xE2\x80\x93 19:30\n", "", "Doors|open|Tuesday|\xE2\x80\x93|19:30");
}

static void test_clean_datelines(void **st)
{
    (void)st;
    /* the prefix goes, the sentence after it stays */
    expect_clean("Moscow (CNN) \xE2\x80\x94 Russian Foreign Minister Sergey Lavrov spoke.\n",
                 "Moscow (CNN) \xE2\x80\x94 ", "Russian|Foreign|Minister|Sergey|Lavrov|spoke|.");
    expect_clean("Paris (AFP) \xE2\x80\x94 The minister resigned.\n", "Paris (AFP) \xE2\x80\x94 ", "The|minister|resigned|.");
    expect_clean("LONDON \xE2\x80\x94 The prime minister said on Monday she was ready.\n", "LONDON \xE2\x80\x94 ",
                 "The|prime|minister|said|on|Monday|she|was|ready|.");
    expect_clean("NEW YORK, Nov 23 (Reuters) - Stocks fell.\n", "NEW YORK, Nov 23 (Reuters) - ", "Stocks|fell|.");
    expect_clean("WASHINGTON (AP) \xE2\x80\x94 The Senate voted.\n", "WASHINGTON (AP) \xE2\x80\x94 ", "The|Senate|voted|.");
    expect_clean("ST. LOUIS -- A man was hurt.\n", "ST. LOUIS -- ", "A|man|was|hurt|.");
    expect_clean("Washington, D.C. (CNN) \xE2\x80\x93 Snow fell.\n", "Washington, D.C. (CNN) \xE2\x80\x93 ", "Snow|fell|.");
    expect_clean("PARIS, November 23, 2026 (AFP) - The vote failed.\n", "PARIS, November 23, 2026 (AFP) - ",
                 "The|vote|failed|.");
    expect_clean("Beijing, Monday - China said no.\n", "Beijing, Monday - ", "China|said|no|.");
    expect_clean("RIO DE JANEIRO \xE2\x80\x94 Brazil won.\n", "RIO DE JANEIRO \xE2\x80\x94 ", "Brazil|won|.");
    expect_clean("CNN \xE2\x80\x94 The network said so.\n", "CNN \xE2\x80\x94 ", "The|network|said|so|.");
    expect_clean("LONDON \xE2\x80\x94 \xE2\x80\x9CWe are ready,\xE2\x80\x9D she said.\n", "LONDON \xE2\x80\x94 ",
                 "\xE2\x80\x9C|We|are|ready|,|\xE2\x80\x9D|she|said|.");
    /* after an image line, and ending a highlights block without a blank line */
    expect_clean("DSC_0123.JPG\nLONDON \xE2\x80\x94 Rain fell.\n", "DSC_0123.JPG|LONDON \xE2\x80\x94 ", "Rain|fell|.");
    expect_clean("Story highlights\nPutin is ready\nMoscow (CNN) \xE2\x80\x94 Putin spoke.\nHe left.\n",
                 "Story highlights|Putin is ready|Moscow (CNN) \xE2\x80\x94 ", "Putin|spoke|. || He|left|.");
    /* not datelines: ordinary lines stay whole */
    expect_clean("Paris - the city of light - is lovely.\n", "", "Paris|-|the|city|of|light|-|is|lovely|.");
    expect_clean("Paris is lovely\n", "", "Paris|is|lovely");
    expect_clean("US - China talks resume\nUS - China talks resume on Monday.\n", "",
                 "US|-|China|talks|resume || US|-|China|talks|resume|on|Monday|.");
    expect_clean("NATO - Russia ties soured.\n", "", "NATO|-|Russia|ties|soured|.");
    expect_clean("Paris - The city is lovely.\nCheap Hotel Rome - Thanks for your help!\n", "",
                 "Paris|-|The|city|is|lovely|. || Cheap|Hotel|Rome|-|Thanks|for|your|help|!");
    expect_clean("PS -- There is a party tonight.\n", "", "PS|--|There|is|a|party|tonight|.");
    expect_clean("LONDON-based firms grew.\nLONDON - PARIS EXPRESS\n", "",
                 "LONDON|-|based|firms|grew|. || LONDON|-|PARIS|EXPRESS");
    expect_clean("IT \xE2\x80\x94 Stephen King's novel \xE2\x80\x94 is scary.\n", "",
                 "IT|\xE2\x80\x94|Stephen|King|'s|novel|\xE2\x80\x94|is|scary|.");
    /* only at a line start, and not when the line before runs on */
    expect_clean("She flew to LONDON \xE2\x80\x94 The city was wet.\n", "",
                 "She|flew|to|LONDON|\xE2\x80\x94|The|city|was|wet|.");
    expect_clean("He visited Rome,\nLONDON \xE2\x80\x94 Paris and Berlin.\n", "",
                 "He|visited|Rome|,|LONDON|\xE2\x80\x94|Paris|and|Berlin|.");
    /* nothing after the dash: the line is left alone */
    expect_clean("LONDON \xE2\x80\x94\n", "", "LONDON|\xE2\x80\x94");
}

static void test_clean_bylines(void **st)
{
    (void)st;
    /* whole byline and timestamp lines go */
    expect_clean("By John Smith, CNN\nUpdated 10:32 AM ET, Mon November 23, 2026\nAngela Merkel said he was wrong.\n",
                 "By John Smith, CNN|Updated 10:32 AM ET, Mon November 23, 2026", "Angela|Merkel|said|he|was|wrong|.");
    expect_clean("By Jane Doe and Max Roe, Reuters\nPublished 2:15 PM EST, Tue Jan 5, 2021\nPosted: 11:02 AM\nIt rained.\n",
                 "By Jane Doe and Max Roe, Reuters|Published 2:15 PM EST, Tue Jan 5, 2021|Posted: 11:02 AM", "It|rained|.");
    expect_clean("By John Smith, CNN Updated 10:32 AM ET, Mon November 23, 2026\n",
                 "By John Smith, CNN Updated 10:32 AM ET, Mon November 23, 2026", "");
    expect_clean("By JOHN SMITH | AP\nBy Jos\xC3\xA9 \xC3\x81lvarez, special to CNN\n",
                 "By JOHN SMITH | AP|By Jos\xC3\xA9 \xC3\x81lvarez, special to CNN", "");
    expect_clean("Last updated: 23 November 2026\nUpdated 2 hours ago\nPosted 10:32am\n",
                 "Last updated: 23 November 2026|Updated 2 hours ago|Posted 10:32am", "");
    /* a date alone on a line (GUM's Wikinews articles) */
    /* a date alone is text as written (GUM news: "Friday, May 8, 2009"
     * under the headline; a letter's "August 19, 1975") */
    expect_clean("Friday, May 8, 2009\nThomas Sam is on trial.\n", "",
                 "Friday|,|May|8|,|2009 || Thomas|Sam|is|on|trial|.");
    /* then a dateline */
    expect_clean("By John Smith, CNN\nLONDON \xE2\x80\x94 Rain fell.\n", "By John Smith, CNN|LONDON \xE2\x80\x94 ", "Rain|fell|.");
    /* sentences that start like bylines or timestamps stay */
    expect_clean("By then, the war was over.\n", "", "By|then|,|the|war|was|over|.");
    expect_clean("By Monday, Smith had left.\n", "", "By|Monday|,|Smith|had|left|.");
    expect_clean("By John Smith's account, the vote failed.\n", "", "By|John|Smith|'s|account|,|the|vote|failed|.");
    expect_clean("By John Smith, who left\n", "", "By|John|Smith|,|who|left");
    expect_clean("By 2030 the city will grow.\n", "", "By|2030|the|city|will|grow|.");
    expect_clean("Updated rules take effect on Monday.\n", "", "Updated|rules|take|effect|on|Monday|.");
    expect_clean("Published 2 books in 2020\n", "", "Published|2|books|in|2020");
    expect_clean("On Monday, 5 people died.\n", "", "On|Monday|,|5|people|died|.");
    expect_clean("Posted by John at 10\n", "", "Posted|by|John|at|10");
}

/* Shapes of real scraped pages beyond our example: each boilerplate line
 * alone, then lines of prose that look like it and must stay. */
static void test_clean_scraped_shapes(void **st)
{
    (void)st;
    /* a CMS image slug with spaces; a file name in a sentence, a URL stay */
    expect_clean("pro-trump twitter accounts weaponized russia us election ebof pkg griffin _00020630.jpg\nIt rained.\n",
                 "pro-trump twitter accounts weaponized russia us election ebof pkg griffin _00020630.jpg",
                 "It|rained|.");
    expect_clean("we attached scan 2.jpg\n", "", "we|attached|scan|2.jpg");
    expect_clean("http://example.com/result/1155244347.png\n", "", "http://example.com/result/1155244347.png");
    /* a video title is known by the duration and source line under it */
    expect_clean("Russia weaponized Twitter to sway election\n03:21 - Source: CNN\nIt rained.\n",
                 "Russia weaponized Twitter to sway election|03:21 - Source: CNN", "It|rained|.");
    expect_clean("He said it was over.\n03:21 - Source: CNN\n", "03:21 - Source: CNN", "He|said|it|was|over|.");
    expect_clean("Russia weaponized Twitter\n\n03:21 - Source: CNN\n", "03:21 - Source: CNN", "Russia|weaponized|Twitter");
    expect_clean("The vote ended at 03:21 - Source: CNN said so.\n", "",
                 "The|vote|ended|at|03:21|-|Source|:|CNN|said|so|.");
    /* an agency dateline alone on its line, two spaces before the dash */
    expect_clean("CNN  \xE2\x80\x94 \nRussian accounts posted tweets.\n", "CNN  \xE2\x80\x94",
                 "Russian|accounts|posted|tweets|.");
    expect_clean("WASHINGTON (AP) \xE2\x80\x94\nThe Senate voted.\n", "WASHINGTON (AP) \xE2\x80\x94", "The|Senate|voted|.");
    expect_clean("LONDON (Reuters) - Shares fell on Monday.\n", "LONDON (Reuters) - ", "Shares|fell|on|Monday|.");
    /* bylines */
    expect_clean("By Jane Doe, CNN\nBy JANE DOE Associated Press\n", "By Jane Doe, CNN|By JANE DOE Associated Press", "");
    /* photo credits and captions */
    expect_clean("(Photo: Getty Images)\nPhoto by Jane Doe/Reuters\nImage copyright Getty Images\n"
                 "Image caption Protesters gathered in the square on Monday.\nGetty Images\nAFP/Getty Images\n"
                 "AP Photo/Evan Vucci\nIt rained.\n",
                 "(Photo: Getty Images)|Photo by Jane Doe/Reuters|Image copyright Getty Images|"
                 "Image caption Protesters gathered in the square on Monday.|Getty Images|AFP/Getty Images|"
                 "AP Photo/Evan Vucci",
                 "It|rained|.");
    expect_clean("He sold the photo to Getty Images\nGetty Images said it would appeal.\n", "",
                 "He|sold|the|photo|to|Getty|Images || Getty|Images|said|it|would|appeal|.");
    /* links to elsewhere */
    expect_clean("Related: Putin's long game\nRead more\nREAD MORE Putin's long game\nSEE ALSO: The Kremlin\n"
                 "Advertisement\nIt rained.\n",
                 "Related: Putin's long game|Read more|READ MORE Putin's long game|SEE ALSO: The Kremlin|Advertisement",
                 "It|rained|.");
    expect_clean("Read more books this year.\nRelated stories ran in the press.\n", "",
                 "Read|more|books|this|year|. || Related|stories|ran|in|the|press|.");
    /* share, follow and sign-up prompts */
    expect_clean("Share this article\nFollow us on Twitter\nClick here to subscribe\nSign up for our newsletter\n"
                 "Follow Jane Doe on Twitter\nIt rained.\n",
                 "Share this article|Follow us on Twitter|Click here to subscribe|Sign up for our newsletter|"
                 "Follow Jane Doe on Twitter",
                 "It|rained|.");
    expect_clean("Follow the recipe on YouTube.\nSign up for the race opened on Monday.\n", "",
                 "Follow|the|recipe|on|YouTube|. || Sign|up|for|the|race|opened|on|Monday|.");
    /* timestamps; a date or a clock time alone is text */
    expect_clean("Updated 1:42 PM ET, Mon November 7, 2016\nPublished 10:05 GMT\n2 hours ago\n"
                 "Fri May 12, 2006 at 08:27:46 PM PDT\nIt rained.\n",
                 "Updated 1:42 PM ET, Mon November 7, 2016|Published 10:05 GMT|2 hours ago|"
                 "Fri May 12, 2006 at 08:27:46 PM PDT",
                 "It|rained|.");
    expect_clean("August 19, 1975\n10:30\n", "", "August|19|,|1975 || 10:30");
    /* lines of reviews and e-mails (EWT) that only look like boilerplate */
    expect_clean("MUST READ - Do not waste your time in this store.\n", "",
                 "MUST|READ|-|Do|not|waste|your|time|in|this|store|.");
    expect_clean("Video: Connections will be established upon request.\n", "",
                 "Video|:|Connections|will|be|established|upon|request|.");
    expect_clean("Time: 8:00 - 5:00\n", "", "Time|:|8:00|-|5:00");
}

/* Through the whole pipeline: the page's boilerplate gets no token and no
 * mention, and the resolved text gives it back byte for byte. */
static void expect_kept(const coref_model *model, const char *boiler, const char *body)
{
    char in[2048];
    size_t bl = strlen(boiler);
    int n = snprintf(in, sizeof in, "%s%s", boiler, body);
    assert_true(n > 0 && (size_t)n < sizeof in);
    coref_doc *doc = NULL;
    coref_error err;
    coref_options o = coref_default_options();
    assert_int_equal(coref_doc_analyze(model, in, (size_t)n, &o, &doc, &err), COREF_OK);
    assert_true(coref_doc_token_count(doc) > 0);
    for (size_t i = 0; i < coref_doc_token_count(doc); i++) {
        coref_token t;
        assert_int_equal(coref_doc_token(doc, i, &t), COREF_OK);
        if (t.start < bl) print_error("token %zu [%zu,%zu) inside the boilerplate of:\n%s\n", i, t.start, t.end, in);
        assert_true(t.start >= bl);
    }
    for (size_t i = 0; i < coref_doc_mention_count(doc); i++) {
        coref_mention m;
        assert_int_equal(coref_doc_mention(doc, i, &m), COREF_OK);
        assert_true(m.start >= bl);
    }
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(coref_doc_resolve(doc, &o, &out, &len), COREF_OK);
    assert_true(len >= bl);
    assert_memory_equal(out, in, bl);
    coref_free(out);
    coref_doc_free(doc);
}

static void test_clean_scraped_page(void **st)
{
    (void)st;
    coref_model *model = NULL;
    coref_error err;
    assert_int_equal(coref_model_load_embedded(&model, &err), COREF_OK);
    const char *body = "Russian accounts posted thousands of tweets during the election, researchers said. "
                       "Twitter said it had found them and that they reached millions of voters.\n";
    /* the page as scraped from CNN */
    expect_kept(model,
                "pro-trump twitter accounts weaponized russia us election ebof pkg griffin _00020630.jpg\n"
                "Russia weaponized Twitter to sway election\n"
                "03:21 - Source: CNN\n"
                "\n"
                "Story highlights\n"
                "Russia used Twitter to spread fake news during the US election\n"
                "\n"
                "CNN  \xE2\x80\x94 \n",
                body);
    /* the shapes of other outlets, one block */
    expect_kept(model,
                "By Jane Doe, CNN\nBy JANE DOE Associated Press\nUpdated 1:42 PM ET, Mon November 7, 2016\n"
                "Published 10:05 GMT\n2 hours ago\n(Photo: Getty Images)\nPhoto by Jane Doe/Reuters\n"
                "Image copyright Getty Images\nImage caption Protesters gathered in the square.\nGetty Images\n"
                "Related: Putin's long game\nRead more\nREAD MORE: The Kremlin\nSEE ALSO: Moscow\n"
                "Share this article\nFollow us on Twitter\nClick here to subscribe\nSign up for our newsletter\n"
                "WASHINGTON (AP) \xE2\x80\x94 ",
                body);
    expect_kept(model, "LONDON (Reuters) - ", body);
    coref_model_free(model);
}

static void test_empty(void **st)
{
    (void)st;
    struct coref_doc *d = run("", 0, 1);
    assert_int_equal(d->ntok, 0);
    assert_int_equal(d->nsent, 0);
    done(d);
    const char *ws = " \t\n\r\n  \xC2\xA0 \xE2\x80\x83\n";
    d = run(ws, strlen(ws), 1);
    assert_int_equal(d->ntok, 0);
    assert_int_equal(d->nsent, 0);
    done(d);
    /* invalid UTF-8 and odd bytes never crash */
    const char bad[] = "a\xFF\xC3 b\xE2\x80 'x' .\x01.";
    d = run(bad, sizeof bad - 1, 1);
    assert_true(d->ntok > 0);
    done(d);
}

static void test_huge_line(void **st)
{
    (void)st;
    size_t n = 5u << 20;
    char *s = malloc(n);
    assert_non_null(s);
    /* a mix that exercises words, dots, hyphens and URL look-ahead */
    const char pat[] = "abc.def-ghi,jk'l:12/34.www.";
    for (size_t i = 0; i < n; i++) s[i] = pat[i % (sizeof pat - 1)];
    clock_t t0 = clock();
    struct coref_doc *d = run(s, n, 1);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(d->ntok > 0);
    assert_true(secs < 20.0);
    done(d);
    /* one-letter words between hyphens: no quadratic URL look-ahead */
    for (size_t i = 0; i < n; i++) s[i] = (i & 1) ? '-' : 'a';
    t0 = clock();
    d = run(s, n, 1);
    assert_true(d->ntok > n / 2);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
    done(d);
    memset(s, 'x', n);
    d = run(s, n, 1);
    assert_int_equal(d->ntok, 1);
    done(d);
    free(s);
}

/* ------------------------------------------------ scoring against UD dev */

typedef struct { uint32_t s, e; } sp_t;

/* Token and sentence F1 of the tokenizer on a CoNLL-U file, text rebuilt
 * from "# text" lines as tools/eval_text does. */
static void eval_conllu(const char *path, double *tok_f1, double *sent_f1)
{
    size_t len = 0;
    char *f = test_read_file(path, &len);
    assert_non_null(f);
    char *text = malloc(len + 1);
    sp_t *gt = malloc((len / 2 + 1) * sizeof *gt), *gs = malloc((len / 8 + 1) * sizeof *gs);
    assert_true(text && gt && gs);
    size_t tp = 0, ng = 0, ns = 0, stp = 0, sng = 0, sns = 0;
    size_t tl = 0, ngt = 0, ngs = 0, pos = 0, lim = 0, first = SIZE_MAX, last = 0;
    int newpar = 0;
    char *p = f, *end = f + len;
    for (;;) {
        char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        char *le = nl ? nl : end;
        int eof = p >= end;
        if (eof || strncmp(p, "# newdoc", 8) == 0) {
            if (first != SIZE_MAX) { gs[ngs].s = (uint32_t)first; gs[ngs++].e = (uint32_t)last; first = SIZE_MAX; }
            if (tl) {
                struct coref_doc d;
                memset(&d, 0, sizeof d);
                d.text = text;
                d.len = tl;
                text[tl] = 0;
                assert_int_equal(text_tokenize(&d), 0);
                size_t i = 0, j = 0;
                while (i < ngt && j < d.ntok) {
                    if (gt[i].s == d.toks[j].start && gt[i].e == d.toks[j].end) { tp++; i++; j++; }
                    else if (gt[i].s < d.toks[j].start || (gt[i].s == d.toks[j].start && gt[i].e < d.toks[j].end)) i++;
                    else j++;
                }
                ng += ngt;
                ns += d.ntok;
                i = j = 0;
                while (i < ngs && j < d.nsent) {
                    uint32_t s0 = d.toks[d.sents[j].tok_begin].start, e0 = d.toks[d.sents[j].tok_end - 1].end;
                    if (gs[i].s == s0 && gs[i].e == e0) { stp++; i++; j++; }
                    else if (gs[i].s < s0 || (gs[i].s == s0 && gs[i].e < e0)) i++;
                    else j++;
                }
                sng += ngs;
                sns += d.nsent;
                free(d.toks);
                free(d.sents);
            }
            tl = ngt = ngs = 0;
            newpar = 0;
            if (eof) break;
        } else if (strncmp(p, "# newpar", 8) == 0) {
            newpar = 1;
        } else if (strncmp(p, "# text = ", 9) == 0) {
            if (tl) text[tl++] = newpar ? '\n' : ' ';
            newpar = 0;
            pos = tl;
            memcpy(text + tl, p + 9, (size_t)(le - p - 9));
            tl += (size_t)(le - p - 9);
            lim = tl;
        } else if (le == p) {
            if (first != SIZE_MAX) { gs[ngs].s = (uint32_t)first; gs[ngs++].e = (uint32_t)last; first = SIZE_MAX; }
        } else if (*p >= '0' && *p <= '9') {
            char *tab = memchr(p, '\t', (size_t)(le - p));
            char *form = tab ? tab + 1 : NULL, *tab2 = form ? memchr(form, '\t', (size_t)(le - form)) : NULL;
            /* syntactic words only: skip ranges and empty nodes */
            if (tab2 && !memchr(p, '-', (size_t)(tab - p)) && !memchr(p, '.', (size_t)(tab - p))) {
                size_t fl = (size_t)(tab2 - form);
                while (pos < lim && text[pos] == ' ') pos++;
                if (pos + fl <= lim && memcmp(text + pos, form, fl) == 0) {
                    gt[ngt].s = (uint32_t)pos;
                    gt[ngt++].e = (uint32_t)(pos + fl);
                    if (first == SIZE_MAX) first = pos;
                    pos += fl;
                    last = pos;
                }
            }
        }
        if (!nl) p = end;
        else p = nl + 1;
    }
    double P = ns ? (double)tp / ns : 0, R = ng ? (double)tp / ng : 0;
    *tok_f1 = P + R > 0 ? 200 * P * R / (P + R) : 0;
    P = sns ? (double)stp / sns : 0;
    R = sng ? (double)stp / sng : 0;
    *sent_f1 = P + R > 0 ? 200 * P * R / (P + R) : 0;
    free(f);
    free(text);
    free(gt);
    free(gs);
}

static void test_eval_dev(void **st)
{
    (void)st;
    REQUIRE_DATA("ud/en_gum-ud-dev.conllu");
    REQUIRE_DATA("ud/en_ewt-ud-dev.conllu");
    char path[1024];
    double tf, sf;
    snprintf(path, sizeof path, "%s/ud/en_gum-ud-dev.conllu", test_data_dir());
    eval_conllu(path, &tf, &sf);
    print_message("GUM dev: token F1 %.2f sentence F1 %.2f\n", tf, sf);
    assert_true(tf > 97.5);
    assert_true(sf > 88.0);
    snprintf(path, sizeof path, "%s/ud/en_ewt-ud-dev.conllu", test_data_dir());
    eval_conllu(path, &tf, &sf);
    print_message("EWT dev: token F1 %.2f sentence F1 %.2f\n", tf, sf);
    assert_true(tf > 96.5);
    assert_true(sf > 72.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_multibyte_offsets),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_clean_captions),
        cmocka_unit_test(test_clean_utf8_phrases),
        cmocka_unit_test(test_clean_datelines),
        cmocka_unit_test(test_clean_bylines),
        cmocka_unit_test(test_clean_scraped_shapes),
        cmocka_unit_test(test_clean_scraped_page),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_eval_dev),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
