"""The import's rules for what of a news page is not the article (sign-up boxes, lists of other
stories, datelines, credits) and for the article's text that the extractor alone misses (a
page laid out in tables, an article split into chunks), each on a small page of a real shape."""

from __future__ import annotations

import re

import pytest

from pipeline.sources import (
    AUTHOR_NOTE,
    BOILERPLATE,
    COMMENTS,
    html_to_markdown,
    markdown_document,
)

BODY = "is long enough for the extractor to keep it, with several more words in it"


def page(body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title>
<link rel="canonical" href="https://news.example.com/2019/storm">{head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Storm hits the coast</h1>
<div class="story-body">{body}</div></article></body></html>"""


def paragraphs(n: int, first: int = 1) -> str:
    return "".join(f"<p>Paragraph {i} of the story {BODY}.</p>" for i in range(first, first + n))


def blocks(markdown: str) -> list[tuple[str, str]]:
    return [(b.role, b.text) for b in markdown_document(markdown, "page").blocks]


def test_a_page_laid_out_in_a_table_is_read_not_refused():
    """The extractor's own rules find nothing in a table's cell; its fallback gives the text
    wrapped in ``div`` elements, which are read as what they hold."""
    table = f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head>
<body><table><tr><td><h1>Storm hits the coast</h1><div><p>The first paragraph {BODY}.</p>
<p>The second paragraph {BODY}.</p><p>The third paragraph {BODY}.</p></div></td></tr></table>
</body></html>"""
    found = blocks(html_to_markdown(table)[0])
    assert found[0] == ("title", "Storm hits the coast")
    assert [r for r, _ in found[1:]] == ["paragraph"] * 3
    assert found[3][1] == f"The third paragraph {BODY}."


def test_the_dek_under_the_headline_is_the_standfirst_not_a_subhead():
    dek = "One member of the defense did not hold back on Monday when asked about the fight"
    markdown, _ = html_to_markdown(
        page(f"<h2>{dek}</h2>{paragraphs(3)}", f'<meta property="og:description" content="{dek}">')
    )
    assert ("standfirst", dek) in blocks(markdown)
    assert f"## {dek}" not in markdown


def dek_page(header: str, body: str = "", title: str = "Storm hits the coast | Daily") -> str:
    """A page whose header (headline, standfirst, byline) sits above the article's body."""
    return f"""<!DOCTYPE html><html><head><title>{title}</title>
<meta property="og:description" content="Read the latest on the storm and what comes next.">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header class="entry-hero">{header}<div class="byline">By Jane Tan</div></header>
<article><div class="story-body">{body or paragraphs(4)}</div></article></body></html>"""


DEK = "Forecasters say the worst of it will pass by Tuesday, but the clean-up will take weeks"


@pytest.mark.parametrize(
    "named",
    [
        '<p class="c-entry-summary p-dek">',
        '<h2 class="post__deck">',
        '<div class="ArticleDek_root__R8OvU">',
        '<h2 class="headline__subtitle">',
        '<p class="Article__Headline__Desc">',
        '<div data-gu-name="standfirst">',
        '<h2 class="article-sub-title">',
    ],
)
def test_the_standfirst_the_page_shows_under_its_headline_is_taken_not_its_description(named):
    """Sites name the standfirst under the headline (a "dek"): that is the one the reader
    sees, where the page's description is written for search engines and social media."""
    tag = named[1:].split()[0]
    found = blocks(
        html_to_markdown(dek_page(f"<h1>Storm hits the coast</h1>{named}{DEK}</{tag}>"))[0]
    )
    assert found[:2] == [("title", "Storm hits the coast"), ("standfirst", DEK)]
    assert [r for r, _ in found[2:]] == ["paragraph"] * 4


def test_the_headline_set_over_a_standfirst_is_taken_whatever_the_title_says():
    """A ``<title>`` written for search engines names a heading of its own words; the
    ``<h1>`` with the standfirst under it is the article's headline."""
    seo = "Storm batters coast as thousands lose power"
    header = f"""<h3><a href="/2019/storm">{seo}</a></h3><h1>The long night on the coast</h1>
<h2 class="dek">{DEK}</h2>"""
    found = blocks(html_to_markdown(dek_page(header, title=f"{seo} - Daily"))[0])
    assert found[:2] == [("title", "The long night on the coast"), ("standfirst", DEK)]


def test_the_h1_the_article_is_set_under_is_the_headline_where_the_title_is_worded_otherwise():
    """A ``<title>`` written for search engines, which no heading of the page is: the
    ``<h1>`` above the article is the headline; an ``<h1>`` of fewer than four words (a
    section's name, a site's) is not."""
    seo = "Amazon Alexa: 6 Can't-Miss Gadgets Powered by the Assistant | Fortune.com"
    h1 = "Here Are 6 Gadgets Powered by Amazon's Alexa Assistant"
    found = blocks(html_to_markdown(dek_page(f"<h1>{h1}</h1>", title=seo))[0])
    assert found[0] == ("title", h1)
    found = blocks(html_to_markdown(dek_page("<h1>Alexa Gadgets</h1>", title=seo))[0])
    assert found[0] == ("title", "Amazon Alexa: 6 Can't-Miss Gadgets Powered by the Assistant")


def test_a_kicker_in_the_headlines_h1_or_an_h1_above_it_is_not_the_headline():
    """An ``<h1>`` that holds a section's name and the title is read as the title names it;
    a widget's ``<h1>`` above the headline (set in a ``div``) is not the headline, though a
    standfirst follows both."""
    title = "Brothel busted in Boston"
    kicker = f'<h1><span class="kicker">Local News</span> | {title}</h1><p class="dek">{DEK}</p>'
    widget = f'<h1>Top Classifieds</h1><div class="articleTitle">{title}</div>'
    widget += f'<div class="articleSubTitle">{DEK}</div>'
    for header in (kicker, widget):
        found = blocks(html_to_markdown(dek_page(header, title=f"{title} – Boston Herald"))[0])
        assert found[:2] == [("title", title), ("standfirst", DEK)]


def test_a_standfirst_the_extractor_took_as_the_first_paragraph_is_the_standfirst_once():
    header = f'<h1>Storm hits the coast</h1><p class="article-dek">{DEK}</p>'
    body = f"<h1>Storm hits the coast</h1><p>{DEK}</p>{paragraphs(4)}"
    page_ = f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head>
<body><article><div class="story">{header}<div class="byline">By Jane Tan</div>
<div class="story-body">{paragraphs(4)}</div></div></article></body></html>"""
    for html in (page_, dek_page(header, body)):
        found = blocks(html_to_markdown(html)[0])
        assert found[:2] == [("title", "Storm hits the coast"), ("standfirst", DEK)]
        assert [t for _, t in found].count(DEK) == 1
        assert [r for r, _ in found[2:]] == ["paragraph"] * 4


@pytest.mark.parametrize(
    "header",
    [
        # the story's first paragraph set large is not a standfirst
        '<div class="story-intro">Paragraph 1 of the story is long enough, with more words.</div>',
        # a picture's caption is named a description
        '<figure><img src="/storm.jpg"><figcaption itemprop="caption description">Waves break '
        "over the sea wall at Brighton on Monday morning.</figcaption></figure>",
        # a market ticker
        '<div id="market-summary">S&amp;P 500 2,111.72 -14.43 (-0.68%) Dow 30 18,037.10 '
        "-105.32 (-0.58%)</div>",
    ],
)
def test_what_is_named_an_intro_a_description_or_a_summary_is_not_always_a_standfirst(header):
    found = blocks(html_to_markdown(dek_page(f"<h1>Storm hits the coast</h1>{header}"))[0])
    assert found[0] == ("title", "Storm hits the coast")
    standfirst = [t for r, t in found if r == "standfirst"]
    assert standfirst == ["Read the latest on the storm and what comes next."]


def test_a_pictures_caption_and_credit_the_extractor_keeps_as_paragraphs_are_a_caption():
    figure = """<div class="InlineImage-wrapper"><img src="/sheikh.jpg">
<div class="InlineImage-imageEmbedCaption">Sheikh Mohammed bin Rashid Al Maktoum speaks
at the summit in Dubai on Monday.</div>
<div class="InlineImage-imageEmbedCredit">Natalie Naccache | Bloomberg | Getty Images</div>
</div>"""
    found = blocks(html_to_markdown(page(paragraphs(2) + figure + paragraphs(2, 3)))[0])
    texts = {text: role for role, text in found}
    assert texts["Natalie Naccache | Bloomberg | Getty Images"] == "caption"
    assert [r for r, _ in found].count("paragraph") == 4


def test_a_sign_up_box_and_a_list_of_other_stories_after_the_article_are_left_out():
    after = """<h3>Pick Six Newsletter</h3>
<h4>Get the day's big stories plus the fun stuff you love like picks and rankings.</h4>
<p>Please check the opt-in box to acknowledge that you would like to subscribe.</p>
<h3>Thanks for signing up!</h3><h4>Keep an eye on your inbox for the latest news.</h4>
<h3>Join our Free Parlay Challenge</h3><p>Our Latest Stories</p>
<ul><li><a href="/nfl/gronk">Gronk, Serena perform with Laker Girls</a>
<h4>Gronk may have found his true calling</h4></li>
<li><a href="/nfl/pool">NFL office pool picks for Week 12</a>
<h4>The advanced computer just locked in its picks</h4></li></ul>"""
    found = blocks(html_to_markdown(page(paragraphs(4) + after))[0])
    assert [r for r, _ in found] == ["title"] + ["paragraph"] * 4
    assert found[-1][1] == f"Paragraph 4 of the story {BODY}."


def test_a_list_a_sentence_of_the_article_introduces_is_kept_at_its_end():
    # a deals page's last steps: each item partly a link, a rule and the curator's disclosure
    steps = """<p>Here's the short version of signing up for the ad-free plan as part of the
bundle:</p><ul>
<li>Sign up for an ad-free account <a href="https://r.example.net/u/1">for $11.99 a month</a></li>
<li>If you already have an account, visit <a href="https://r.example.net/u/1">your account
page</a> to upgrade</li>
<li>Sign up for the bundle <a href="https://r.example.net/u/2">using the same email</a> as your
account</li></ul>
<h2>______________________________</h2>
<p><em>Eric Song is the site's deal curator and spends 25% of his pay on stuff he posts.</em></p>"""
    markdown, _ = html_to_markdown(page(paragraphs(4) + steps))
    assert "ad-free account" in markdown and "to upgrade" in markdown
    assert "as your account" in markdown


def test_a_list_of_links_to_other_stories_inside_the_article_is_left_out():
    links = "".join(
        f'<li><a href="https://news.example.com/{n}"><u>{title}</u></a></li>'
        for n, title in enumerate(
            (
                "15 Amazing Images of Stars",
                "11 Fascinating Facts About Our Milky Way Galaxy",
                "The 11 Biggest Unanswered Questions About Dark Matter",
            )
        )
    )
    links = f"<ul>{links}</ul>"
    markdown, _ = html_to_markdown(page(paragraphs(3) + links + paragraphs(2, 4)))
    assert "Amazing Images" not in markdown and "Dark Matter" not in markdown
    assert f"Paragraph 5 of the story {BODY}." in markdown


def test_a_promo_after_a_line_break_is_read_with_the_break_as_a_space():
    promo = """<p><strong>DON'T MISS</strong><br><a href="/plague">Plague warning: CDC names
EIGHT deadly diseases</a> [WARNING]</p>"""
    markdown, _ = html_to_markdown(page(paragraphs(2) + promo + paragraphs(2, 3)))
    assert "MISS" not in markdown and "Plague" not in markdown


@pytest.mark.parametrize(
    ("chunk", "ad"),
    [
        (
            '<div class="grid"><div class="body body__container article__body">{}</div></div>',
            '<div class="ad"><p>Advertisement</p></div>',
        ),
        (  # The New Yorker's: each chunk in a grid of its own, four levels up
            '<div class="GridWrapper-uChIO grid grid-items-2"><div class="GridItem-btGJuM '
            'grid--item"><div class="BodyWrapper-cuyyBm body body__container article__body">'
            '<div class="body__inner-container">{}</div></div></div></div>',
            '<div class="RowWrapper-efswrE full-bleed-ad"><div class="ad ad--mid-content">'
            "</div></div>",
        ),
    ],
)
def test_an_article_split_into_chunks_around_advertisements_is_read_whole(chunk, ad):
    split = chunk.format(paragraphs(4)) + ad + chunk.format(paragraphs(4, 5))
    markdown, _ = html_to_markdown(page(split).replace('<div class="story-body">', "<div>"))
    found = [t for r, t in blocks(markdown) if r == "paragraph"]
    assert found == [f"Paragraph {i} of the story {BODY}." for i in range(1, 9)]


def test_chunks_of_a_column_named_for_its_sidebar_are_the_articles_and_ad_labels_are_not():
    """Politico's shape: the article's column in a grid named for the sidebar beside it, one
    grid a chunk, each sidebar an advertisement's slot with its label."""
    chunk = (
        '<div class="sidebar-grid sidebar-grid--is-narrow"><div class="sidebar-grid__container">'
        '<div class="sidebar-grid__content article__content">{}</div></div>'
        '<aside class="sidebar-grid__sidebar"><div class="ad ad__rectangle">'
        '<span class="ad-label">Advertisement</span><div class="ad-wrapper"></div></div>'
        "</aside></div>"
    )
    split = "".join(chunk.format(paragraphs(3, first)) for first in (1, 4, 7))
    markdown, _ = html_to_markdown(page(split).replace('<div class="story-body">', "<div>"))
    found = [t for r, t in blocks(markdown) if r == "paragraph"]
    assert found == [f"Paragraph {i} of the story {BODY}." for i in range(1, 10)]
    assert "Advertisement" not in markdown


@pytest.mark.parametrize(
    "label",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "ADVERTISEMENT - scroll to continue",
        "Article continues below advertisement",
    ],
)
def test_an_advertisements_label_is_boilerplate(label):
    assert BOILERPLATE.search(label)
    assert not BOILERPLATE.search(f"{label} revenue fell by a tenth last year.")


def test_a_subhead_the_extractor_reads_as_a_paragraph_is_published_as_a_subhead():
    """The Washington Post's shape: each block in a wrapper of its own, a subhead's text in a
    ``div`` inside its ``h3``, which the extractor gives as a paragraph."""
    wrapped = '<div class="wpds-c-PJLV article-body" data-qa="article-body">{}</div>'
    subhead = '<h3 data-qa="article-header" class="pb-sm"><div>Friday’s storms</div></h3>'
    body = "".join(wrapped.format(f"<p>Paragraph {i} of the story {BODY}.</p>") for i in (1, 2, 3))
    body += wrapped.format(subhead)
    body += "".join(wrapped.format(f"<p>Paragraph {i} of the story {BODY}.</p>") for i in (4, 5))
    markdown, _ = html_to_markdown(page(body))
    assert "\n### Friday’s storms\n" in markdown
    assert [r for r, _ in blocks(markdown)].count("paragraph") == 5


def test_a_sections_anchor_made_from_its_heading_names_no_widget():
    """Business Insider's slides: each in a ``div`` whose id is its heading made an anchor;
    the first's holds "promoted", which names no promo."""
    slide = '<div class="slide keyline" id="{}"><div class="slide-layout"><h2>{}</h2>{}</div></div>'
    slides = slide.format(
        "zendaya-promoted-dune-part-two-in-london-1",
        "Zendaya promoted Dune: Part Two in London",
        paragraphs(3),
    ) + slide.format("she-kept-things-simple-in-2021-2", "She kept things simple", paragraphs(3, 4))
    markdown, _ = html_to_markdown(page(slides))
    found = [t for r, t in blocks(markdown) if r == "paragraph"]
    assert found == [f"Paragraph {i} of the story {BODY}." for i in range(1, 7)]


def test_an_article_that_is_a_slide_show_is_kept_whole():
    """Better Homes & Gardens' articles of ideas: the headline and standfirst in one column,
    every slide (a heading and its paragraph: the article's text) in a list inside a part
    named a slide show in the other, which the extractor gives as a list. The slides read as
    article text, so the slide show is the article's, not a widget's."""
    slide = "<li class='slide'><h2>Idea {0}</h2><p>Idea {0} of the article {1}. It is one.</p></li>"
    slides = "".join(slide.format(i, BODY) for i in range(1, 9))
    html = f"""<!DOCTYPE html><html><head><title>Ideas for the table | Homes</title></head><body>
<nav><a href="/">Home</a> <a href="/decorating">Decorating</a></nav>
<div class="row"><div class="columns" id="leftCol"><h1>Ideas for the table</h1>
<p class="dek">These simple ideas will add a fresh look to any table in your home.</p></div>
<div class="columns" id="rightCol"><aside id="rightColumn"><div class="slideshow">
<div class="slideContainer"><ul>{slides}</ul></div></div></aside></div></div></body></html>"""
    markdown, _ = html_to_markdown(html)
    for i in range(1, 9):
        assert f"Idea {i} of the article {BODY}. It is one." in markdown


def test_a_frameworks_id_still_names_its_widget():
    """An ASP.NET id of many parts joined by underscores names what the element is (a video
    player here, as CBS's pages of 2008 have it), unlike a heading's anchor."""
    player = (
        '<div id="ctl00_ctl00_ContentModulesPlaceHolder_ContentModule_46348_DayportPlayer">'
        "You need the latest Flash player to view video content.<br>"
        '<a href="http://www.macromedia.com/shockwave/download/">Click here</a> to download.'
        '<br><br>Click here to <a href="?detectflash=false">bypass this detection</a> if you '
        "already have the latest version of the Flash player installed.</div>"
    )
    markdown, _ = html_to_markdown(page(paragraphs(3) + player + paragraphs(3, 4)))
    assert "Flash" not in markdown
    assert [r for r, _ in blocks(markdown)].count("paragraph") == 6


def test_closing_credits_go_to_the_front_matter_and_notes_to_the_reader_are_left_out():
    end = """<p>Keith Bradsher contributed reporting from Hong Kong.</p>
<p>Write to Al Root at allen.root@example.com</p>
<p>Copyright ©2019 Dow Jones &amp; Company, Inc. All Rights Reserved.</p>"""
    markdown, _ = html_to_markdown(page(paragraphs(3) + end))
    front, body = markdown.split("\n---\n", 1)
    assert '\ncredits: "Keith Bradsher contributed reporting from Hong Kong."' in front
    assert "Bradsher" not in body and "Al Root" not in body and "Copyright" not in body


@pytest.mark.parametrize(
    "line",
    [
        "November 19, 2019 / 12:21 AM / Updated 14 hours ago",
        "UPDATED: Tue., Nov. 19, 2019",
        "First Published on Nov 20, 2019 01:38 pm",
        "5:45 AM PST 11/19/2019 by Patrick Shanley",
        "Updated at 1:23 p.m.",
        "Get the day’s top headlines delivered to your inbox every morning by signing up for "
        "our newsletter.",
        "Let our news meet your inbox. The news and stories that matter, delivered weekday "
        "mornings.",
        "There was a problem subscribing you to the newsletter. Double check your email.",
        "You have been successfully subscribed!",
        "Click here to subscribe to The Paradigm Newsletter",
        "The Water Coolest is read by finance professionals. Sign up for the free daily "
        "newsletter.",
        "You may also like...",
        "Most read in world news",
        "Related post: Pickled Brussels Sprouts Recipe",
        "SEE MORE: Hong Kong protests: 800 students under siege in university",
        "Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved.",
        "© Aaron Schwartz",
        "AP-US--Trump-Impeachment, 4th Ld-Writethru",
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "Like this story? Share it with a friend!",
        "Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here.",
        "We've detected you are on Internet Explorer. For the best experience use a browser.",
        "© Copyright 2008 Times Newspapers Ltd.",
        "Copyright © 2008, The Hindu. Republication or redissemination of the contents of "
        "this screen are expressly prohibited without the written consent of The Hindu",
        "Copyright ©1995-2008 CNET Networks, Inc. All rights reserved. Top of page",
        "Article E-Mail :: Comment :: Syndication :: Printer Friendly Page",
        "Digg | Facebook | E-mail | Print",
        "email this story",
        "MAIL THIS STORY",
        "Email To Friend",
        "Quote | Report this post",
        "Comment | Read Comments (11)",
        "Top | Back | E-mail to a friend | Printable version",
        "E-mail Article Print-Friendly Version Contact Us",
        "Post this story to: del.icio.us | Digg | Newsvine | NowPublic | Reddit",
        "story continues below",
        "Click photo to enlarge",
        "When news happens: send photos, videos & tip-offs to 0424 SMS SMH (+61 424 767 764)",
        "also on Reuters Video: FDA approves cloned food for human consumption",
        "KEYWORDS: braids,buns,Emma Stone,jaime king,Jessica Alba",
        "Register now for free, or sign in with any of these services:",
        "Delivery formats: RSS, Atom, Javascript & Email",
        "You are not currently logged in. Click here to Login/Register",
        "Scroll down to read more:",
        "Want more? Get home delivery now.",
        "Click here to get News24 headlines on your Facebook profile.",
        "Found a bug? Tell us: techbugs@futurenet.co.uk",
        "Did you enjoy this article? Please bookmark it onto:",
        "E-mail article Print view",
        "E-mail Printable (0) Comments Text size Share (0) Rate",
        "Single page view",
        "Last modified: January 18. 2008 3:55PM",
        "2008-01-15 20:04:13 -",
        "Posted online: Monday , December 31, 2007 at 12:00:00 Updated: Monday , December 31, "
        "2007 at 12:00:00",
        "Sunday, December 30, 2007 - Page updated at 12:00 AM",
        "UPDATE - 10:13 PM",
        "Send to a Friend Font Size: Increase Decrease",
        "Share this story!",
        "» email this page | delicious | digg | reddit | technorati",
        "E-mail Article Print-Friendly Version Subscribe to News RSS Feed",
        "On the Net:",
        "Rose Parade: http://www.tournamentofroses.com/roseparade/",
        "The full article contains 335 words and appears in Press Association newsfeed",
        "Your account has been frozen. For your available options click the link below",
        "More Nation & World headlines...",
        "• See More Photos",
        "Paul Finebaum Tommy Hicks Neal McCready • More Columnists",
        "NewsFlash Home | More International News",
        "Entertainment Videos • More",
        "Copyright 2008 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        "To contact the reporter on this story: Heather Smith in Paris at hsmith@bloomberg.net",
        "• Have a view on this story? Send us your feedback!",
        "To have your say on this or any other issue visit www.independent.co.uk",
        "We welcome your comments on this story. Comments are submitted for posting",
        "• Discuss this story on the Ontario Hockey League message board",
        "Read More About The Case",
        "Next: LOOKING AT IOWA FROM AFAR",
        "» Next in Entertainment: Raz B recants abuse claims against Stokes",
        "CLICK HERE to Capture The World in HD",
        "Please support local business!",
        "The Australian's Online Poll",
    ],
)
def test_boilerplate_shapes_of_news_pages(line):
    assert BOILERPLATE.search(line)


def test_the_boilerplate_shapes_find_what_the_one_pattern_finds():
    import re

    from pipeline.sources import _top_branches

    assert "|".join(_top_branches(BOILERPLATE.pattern)) == BOILERPLATE.pattern
    whole = re.compile(BOILERPLATE.pattern, re.IGNORECASE)
    texts = [
        "Read more: Storm hits the coast",
        " Read more: a space first",
        "Interactive map. View Graphic",
        "Please give. Donate Now!",
        "Make us your preferred source on Google today.",
        "This copy is for your personal, non-commercial use only.",
        "DON'T MISS the match",
        "don't miss the match, she said.",
        "Tags Politics, Seoul, Elections",
        "The company said it would sign up 10,000 new subscribers to its newsletter by May.",
        "Follow the money, the investigators said on Twitter.",
        "Most read the report on Monday.",
        "Also on Monday, the minister said the talks would go on.",
    ]
    found = [bool(BOILERPLATE.search(text)) for text in texts]
    assert found == [whole.search(text) is not None for text in texts]
    assert found[:7] == [True, False, True, True, True, True, True]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company said it would sign up 10,000 new subscribers to its newsletter by May.",
        "Phishing emails that land in your inbox are delivered by bots, he said.",
        "May 5, 2019 was the day it all began, and nobody knew.",
        "On 12 May 2019 at 3:00 pm the vote was held.",
        "Copyright law in the EU changed in 2019, the court said.",
        "Most read the report on Monday.",
        "Follow the money, the investigators said on Twitter.",
        "She said she would print the story and e-mail it to the board on Monday.",
        "The band holds the copyright to the 1998 song, its lawyer said.",
        "Share prices fell, and comments from the bank did not help.",
        "Also on Monday, the minister said the talks would go on.",
        "Back to the top of the league went the club on Saturday.",
        "Keywords matter less to search engines than they did, she said.",
        "Register now or sign in with your library card, the notice read.",
        "The printable version of the report was released on Monday.",
        "Rate cuts are coming, the bank said.",
        "You are not alone in this, she said to the crowd outside the court on Friday.",
        "Scroll down to read more about the council's decision and what it means for you.",
        "Delivery formats matter, the publisher said.",
        "The update came on Monday at 10:13 PM, officials said.",
        "Update – the minister resigned at 10 PM.",
        "More stories like this emerged after the storm, residents said.",
        "More photos were released on Monday by the police.",
        "On the net, rumours spread quickly, he said.",
        "Details are at http://example.com/x, the agency said.",
        "Read more about the case in our report, which was published on Monday after a year.",
        "Next: the vote, which is expected at 3 p.m.",
        "Click here, she told the jury, was the word on the screen.",
        "To have your say, residents must register by Friday, the council said.",
        "We welcome your comments, the mayor told the crowd.",
        "The poll, published on Monday, showed a lead.",
        "Next year the rules change, the minister said.",
        "Monday",
    ],
)
def test_sentences_of_a_story_are_not_boilerplate(sentence):
    assert not BOILERPLATE.search(sentence)


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Will Dunham; Editing by Tom Brown)",
        "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
        "Jeff Foust (jeff@example.com) is the editor and publisher of The Space Review.",
        "Eric Song is IGN's deal curator and spends his pay on stuff he finds.",
        "Originally published on Live Science.",
        "Have a tip? Amy Kuperinsky may be reached at amy@example.com.",
    ],
)
def test_closing_notes_of_news_pages(line):
    assert AUTHOR_NOTE.match(line)


def test_a_post_embedded_in_the_article_is_kept_as_a_quote():
    post = """<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">Yes
this is real and yes the state spent nearly half a million dollars on it</p>&mdash; Jane Tan
(@janetan) <a href="https://twitter.com/janetan/status/1">November 18, 2019</a></blockquote>
</div>"""
    markdown, _ = html_to_markdown(page(paragraphs(2) + post + paragraphs(2, 3)))
    found = blocks(markdown)
    quote = "> Yes this is real and yes the state spent nearly half a million dollars on it"
    assert quote in markdown
    assert found[3] == (
        "paragraph",
        "Yes this is real and yes the state spent nearly half a million dollars on it"
        " — Jane Tan (@janetan) November 18, 2019",
    )


def test_a_link_no_reader_can_follow_keeps_its_words_without_the_link():
    body = paragraphs(2) + (
        '<p>The report said <a href="ttps://news.example.com/2019/ceo">the chief executive '
        'would step down</a>, and <a href="javascript:void(0)">others</a> agreed on Monday '
        "after the meeting.</p>"
    )
    markdown, _ = html_to_markdown(page(body))
    assert "The report said the chief executive would step down, and others agreed" in markdown
    assert "(ttps:" not in markdown and "javascript" not in markdown


def test_the_article_bench_reads_the_l3s_news_collection_and_chooses_its_pages(
    tmp_path, bench_articles_run
):
    """A folder with ``annotated/`` and ``original/`` is read as L3S-GN1's: a page is scored
    where its annotation marks a headline and three or more full-text paragraphs of English;
    its headline, paragraphs (each run of full text between blocks), links and leaks."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import bench_articles

    def marked(label: str, text: str) -> str:
        return f'<span class="x-nc-sel{label}">{text}</span>'

    lines = [f"Paragraph {i} of the story {BODY}." for i in range(1, 4)]
    annotated = (
        "<html><body><div>"
        + marked("0", "Home World")
        + "</div><h1>"
        + marked("1", "Storm hits the coast")
        + "</h1>"
        + "".join(f"<p>{marked('2', line)}</p>" for line in lines)
        + f"<p>{marked('4', 'Other stories: the flood of 2007 in pictures')}</p></body></html>"
    )
    original = page("".join(f"<p>{line}</p>" for line in lines) + "<p>Weather on the coast</p>")
    for folder in ("annotated", "original"):
        (tmp_path / folder).mkdir()
    (tmp_path / "annotated" / "a1.html").write_text(annotated, encoding="utf-8")
    (tmp_path / "original" / "a1.html").write_text(original, encoding="utf-8")
    german = annotated
    for line in lines:
        german = german.replace(line, "Der Absatz ist nicht englisch, er wird nicht gezählt.")
    (tmp_path / "annotated" / "b2.html").write_text(german, encoding="utf-8")
    no_headline = annotated.replace("x-nc-sel1", "x-nc-sel0")
    (tmp_path / "annotated" / "c3.html").write_text(no_headline, encoding="utf-8")
    assert list(bench_articles.l3s_pages(tmp_path)) == ["a1"]

    def run(*args):
        return bench_articles_run(tmp_path, *args)

    error, out = run()
    assert error == ""
    # "Weather on the coast" is not marked as content: a leak
    assert out.splitlines()[2] == "| a1 | right | 3/3 · 3/3 | 0/0 | 1 | 0 | 0 (0) |"
    assert out.splitlines()[-1] == (
        "| **all 1** (0 refused) | 1/1 right | 3/3 · 3/3 | 0/0 | 1 pages | 0 pages | 0 (0) |"
    )
    for args, message in ((["--pages", "b2"], "no scored page b2"), (["--held-out"], "--held-out")):
        error, out = run(*args)
        assert out == "" and message in error, error


def old_page(title: str, top: str, meta: str = "") -> str:
    """A news page of 2008: a table layout, no ``<h1>`` for the story, its headline in a
    heading or a ``class="headline"`` element above the text."""
    return f"""<html><head><title>{title}</title>{meta}</head><body><table><tr><td>
<h1><a href="/">Winona Daily News</a></h1><h3>Latest News</h3></td></tr><tr><td>{top}
<p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p>
<p>The third paragraph {BODY}.</p></td></tr></table></body></html>"""


def old_page_headline(title: str, top: str, meta: str = "") -> tuple[str, str]:
    """The first block an ``old_page`` imports as, with its role: its headline."""
    return blocks(html_to_markdown(old_page(title, top, meta))[0])[0]


@pytest.mark.parametrize(
    "title",
    [
        "Peterson eyes NFC rushing title, playoffs_English_Xinhua",
        "toledoblade.com -- Peterson eyes NFC rushing title, playoffs",
        "Winona Daily News > Sports -- Peterson eyes NFC rushing title, playoffs",
        "Peterson eyes NFC rushing title, playoffs|ABC 7 News",
    ],
)
def test_the_headline_is_the_heading_above_the_text_that_the_title_names(title):
    top = '<p class="headline">Peterson eyes NFC rushing title, playoffs</p>'
    assert old_page_headline(title, top) == ("title", "Peterson eyes NFC rushing title, playoffs")


def test_a_title_that_is_the_sites_name_gives_way_to_the_heading_above_the_text():
    top = "<h2>Anand draws with Aronian, Negi posts third win</h2>"
    assert old_page_headline("Winona Daily News", top) == (
        "title",
        "Anand draws with Aronian, Negi posts third win",
    )


def test_a_logo_heading_longer_than_the_headline_is_not_the_headline():
    title = (
        "Aussies need doubles win at Hopman Cup - ABC News (Australian Broadcasting Corporation)"
    )
    page_ = old_page(title, "<h1>Aussies need doubles win at Hopman Cup</h1>").replace(
        "Winona Daily News", "ABC News (Australian Broadcasting Corporation)"
    )
    assert blocks(html_to_markdown(page_)[0])[0] == (
        "title",
        "Aussies need doubles win at Hopman Cup",
    )


def test_the_dek_above_the_text_is_not_taken_for_the_headline():
    dek = "The once-ubiquitous form of lighting was novel when it first emerged"
    top = f"<h1>The Modern Ambitions Behind Neon</h1><h2>{dek}</h2>"
    meta = f'<meta name="description" content="{dek}">'
    assert old_page_headline("CityLab", top, meta) == ("title", "The Modern Ambitions Behind Neon")


def test_a_dateline_set_as_a_heading_is_not_taken_for_the_headline():
    top = "<h2>Jewell close to striker move</h2><h4>Tuesday 8th January 2008, 04:52 PM GMT</h4>"
    assert old_page_headline("Winona Daily News", top) == ("title", "Jewell close to striker move")


def test_a_print_page_with_no_title_and_no_heading_is_read_not_refused():
    print_page = f"""<html><body><table><tr><td><div class="mxb"><b>Gulf states urge peace
with Iran</b></div><p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p>
</td></tr></table></body></html>"""
    found = blocks(html_to_markdown(print_page)[0])
    assert found[0] == ("title", "Gulf states urge peace with Iran")
    assert [r for r, _ in found[1:]] == ["paragraph"] * 2


def test_a_page_with_an_empty_title_takes_the_line_above_the_text_not_its_sections_h1():
    """The title is empty; the ``<h1>`` above the story is its section's name ("News"), the
    one below it a gallery's; the headline is a line of its own above the text."""
    no_title = f"""<html><head><title> </title></head><body><div id="pageTitleDiv"><h1>News</h1>
</div><table><tr><td><p class="orange">Radiohead Play Secret Show In London</p>
<p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p>
<p>The third paragraph {BODY}.</p></td></tr></table>
<div id="pageTitleDiv2"><h1>Photo Gallery</h1></div></body></html>"""
    found = blocks(html_to_markdown(no_title)[0])
    assert found[0] == ("title", "Radiohead Play Secret Show In London")
    assert [r for r, _ in found[1:]] == ["paragraph"] * 3


@pytest.mark.parametrize(
    ("image", "headline"),
    [
        ('<img src="video_icon.gif" usemap="#v">', True),
        ('<img src="video_icon.gif" height="15">', True),
        ("", True),
        ('<img src="truck.jpg" height="105">', False),
    ],
)
def test_a_title_that_is_a_sections_takes_the_line_above_the_text_not_a_link_or_an_option(
    image, headline
):
    """A page of 2008 whose title is its section's: the links of its menu and the options of
    a list to choose from are not the headline; the line above the text is, beside a video's
    button (an icon: an image map's, or 15 pixels high), but not beside a picture (a caption,
    where the title is taken)."""
    layout = f"""<html><head><title>NY1: Top Stories</title></head><body><table><tr><td>
<font><a href="/nyc_info.jsp"><font color="#fff">NYC CITY INFO</font></a></font>
<select><option>In The Papers</option><option>Fortune Bus.</option></select></td></tr>
<tr><td><font size="4"><b>Driver Arrested After Truck Flips Over In Queens</b>{image}</font>
</td></tr><tr><td><p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p>
<p>The third paragraph {BODY}.</p></td></tr></table></body></html>"""
    title = "Driver Arrested After Truck Flips Over In Queens" if headline else "NY1: Top Stories"
    assert blocks(html_to_markdown(layout)[0])[0] == ("title", title)


def test_readers_comments_below_the_story_are_left_out():
    comments = """<h3>Comments (3), Blocked Comments (0):</h3>
<p>I was going to comment, but Ralph summed it up exactly. No further words are needed here.</p>
<p>Posted by: RetCombatVet | January 14, 2008 07:29 PM</p>
<p>Personal attacks are not allowed on this page. Please read our comment policy first.</p>"""
    found = blocks(html_to_markdown(page(paragraphs(4) + comments))[0])
    assert [r for r, _ in found] == ["title"] + ["paragraph"] * 4


@pytest.mark.parametrize(
    "line",
    [
        "Comments (3), Blocked Comments (0):",
        "Total Comments: 1",
        "2 comments Post a comment",
        "Have your sayRead comments",
        "Most Recent Reader Comments:",
        "What Do You Think? Post Your Comment:",
        "- there are currently no comments for this story -",
    ],
)
def test_lines_that_open_readers_comments(line):
    assert COMMENTS.search(line)


@pytest.mark.parametrize(
    "sentence",
    ["No comment.", "Comments on the bill were sharp, he said.", "Comments from the mayor."],
)
def test_a_storys_sentences_on_comments_do_not_open_them(sentence):
    assert not COMMENTS.search(sentence)


def test_the_headline_in_bold_type_above_the_text_that_the_title_names():
    title = "Des Moines: Research confirms prairie grass could be good source of ethanol"
    top = (
        "<font size=4><b>Research confirms prairie grass could be good source of ethanol</b></font>"
    )
    assert old_page_headline(title, top) == (
        "title",
        "Research confirms prairie grass could be good source of ethanol",
    )


def test_a_teaser_of_the_story_above_its_headline_does_not_hide_the_headline():
    """A list of the latest stories at the top of the page holds this story's first words."""
    ticker = f"<ul><li><span>The first paragraph {BODY}...</span></li></ul>"
    top = "<h2>Deportees return home from US</h2>"
    page_ = old_page("Xinhua: Deportees return home from US", top).replace(
        "<h3>Latest News</h3>", "<h3>Latest News</h3>" + ticker
    )
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "Deportees return home from US")


def test_a_line_of_links_only_is_navigation_not_a_paragraph():
    nav = """<p><a href="/">Home</a> <a href="/football">Football</a> | <a href="/cricket">Cricket
</a> | <a href="/rugby">Rugby Union</a> | <a href="/tennis">Tennis</a></p>"""
    linked = '<p>The <a href="/a">minister</a> and the <a href="/b">mayor</a> met the '
    linked += '<a href="/c">union</a> and the <a href="/d">board</a> on Monday.</p>'
    found = blocks(html_to_markdown(page(paragraphs(2) + nav + linked + paragraphs(2, 3)))[0])
    assert [r for r, _ in found] == ["title"] + ["paragraph"] * 5
    assert not any("Cricket" in text for _, text in found)


@pytest.mark.parametrize(
    "title",
    [
        "NDTV.com: Modi, BJP leaders discuss poll strategies",
        "Modi, BJP leaders discuss poll strategies / Online News @ TheCheers",
    ],
)
def test_a_sites_name_is_split_off_the_title_where_no_heading_is_the_headline(title):
    assert old_page_headline(title, "") == ("title", "Modi, BJP leaders discuss poll strategies")


def test_an_affiliate_disclosure_and_a_call_for_letters_are_left_out():
    top = (
        "<p>If you buy something through this post, the Daily may get a share of the sale. "
        'For more, <a href="/terms">learn more</a>.</p>'
    )
    end = (
        "<p>The Times is committed to publishing a diversity of letters to the editor. We’d "
        "like to hear what you think about this or any of our articles. And here’s our email: "
        '<a href="mailto:letters@example.com">letters@example.com</a>.</p>'
        "<p>Note: we are temporarily moderating all comments submitted to deal with a surge "
        "in spam.</p>"
    )
    markdown, _ = html_to_markdown(page(top + paragraphs(3) + end))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3
    assert "share of the sale" not in markdown and "letters" not in markdown


def test_a_paywall_notice_and_promos_for_a_subscription_an_app_a_newsletter_are_left_out():
    middle = (
        "<p>To view the full story, please subscribe to The Daily. You can choose a "
        '<a href="/subscribe">$60 Annual Subscription</a>.</p>'
        "<p>If you’re seeing this message but you’re already a subscriber, you can "
        '<a href="/login">log in</a> for immediate access to this story.</p>'
    )
    end = (
        '<p>Get <a href="/mcm">Motor Cycle Monthly</a> delivered through your letterbox every '
        "month. 12 issues for £11.99.</p>"
        "<p><strong>Get the latest news straight to your phone with the Daily app.</strong></p>"
        "<p>Never miss the latest news by signing up to our newsletter today!</p>"
    )
    markdown, _ = html_to_markdown(page(paragraphs(2) + middle + paragraphs(2, 3) + end))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 4
    for words in ("subscribe", "subscriber", "letterbox", "app", "newsletter"):
        assert words not in markdown


def test_lines_of_a_pages_facts_are_left_out():
    top = (
        "<p>News date : 04/21/2022 Category : "
        '<a href="/news/press">Press Releases</a></p><p>Page 1 of 1</p>'
    )
    end = (
        '<p>Tags <a href="/t/1">Alexandria Ocasio-Cortez</a><a href="/t/2">jeanine pirro</a>'
        '<a href="/t/3">death threat</a></p><p>Release Date:</p>'
    )
    markdown, _ = html_to_markdown(page(top + paragraphs(3) + end))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3


def test_a_block_after_a_picture_that_repeats_its_alt_text_or_is_all_italics_is_its_caption():
    pictures = (
        '<p><a href="/big/wish.jpg"><img src="/wish.jpg" alt=""></a></p><p> </p>'
        '<p class="post-text"><em>Light a Wish by OGE Group</em></p>'
        '<div align="center"><div class="article-img"><img src="/bezels.jpg" '
        'alt="The slimmer bezels of the 16-inch MacBook Pro"></div>'
        '<p class="minor2">The slimmer bezels of the 16-inch MacBook Pro</p></div>'
    )
    found = blocks(html_to_markdown(page(paragraphs(2) + pictures + paragraphs(2, 3)))[0])
    assert ("caption", "Light a Wish by OGE Group") in found
    assert ("caption", "The slimmer bezels of the 16-inch MacBook Pro") in found
    assert [r for r, _ in found].count("paragraph") == 4


@pytest.mark.parametrize(
    "line",
    [
        "If you buy something through this post, IGN may get a share of the sale.",
        "This post contains references to products from one or more of our advertisers. We may "
        "receive compensation when you click on links to those products.",
        "We recommend the best products through an independent review process, and advertisers "
        "do not influence our picks. We may receive compensation if you visit partners we "
        "recommend.",
        "NOTE: The advertising disclaimer below does not apply to this article.",
        "We want to hear what you think about this article. Submit a letter to the editor.",
        "To read this article in full you must have registered and have a Premium subscription",
        "For the latest stories and breaking news updates download the Nationnews apps for iOS "
        "and Android.",
        "Get access to India's fastest growing financial subscriptions service Moneycontrol Pro "
        'for as little as Rs 599 for first year. Use the code "GETPRO". Moneycontrol Pro offers '
        "you all the information you need for wealth creation including actionable investment "
        "ideas, independent research and insights & analysis For more information, check out "
        "the Moneycontrol website or mobile app.",
        "Do you want to be informed of our actions? Sign up here",
        "Post Comment (+)",
        "This article has been sent to",
        "This feature is temporarily unavailable. Please try again later.",
        "January 13, 2020 at 08:45 AM | categories:",
        "Back To Top",
    ],
)
def test_promos_notices_and_page_facts_are_boilerplate(line):
    assert BOILERPLATE.search(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Brokers may earn a commission on each sale, the regulator said.",
        "Users can download the app from the store, which has 10 million users, she said.",
        "To read the report, register at the ministry's site.",
        "Date: the court will decide next week whether the case can go on.",
        "Category 5 storms: what you need to know",
        "Tags are used by scientists to follow the whales.",
        "The paper stopped printing letters to the editor in 2019, its owner said.",
    ],
)
def test_sentences_of_a_story_are_not_promos_or_page_facts(sentence):
    assert not BOILERPLATE.search(sentence)


def test_a_comment_boxs_messages_and_a_sign_in_bar_are_left_out():
    end = (
        "<p>Sign-In | Register</p><p>Have your say<a href='#c'>Read comments</a></p>"
        "<p>- there are currently no comments for this story -</p>"
        "<p>Please enable JavaScript to post a new comment</p>"
        "<p><b>Thanks for your comments - this feedback is now closed</b></p>"
    )
    markdown, _ = html_to_markdown(page(paragraphs(3) + end))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3


def test_tool_bars_pagination_and_calls_to_share_are_left_out():
    top = "<p>EMAIL STORY EASY PRINT SEARCH NEWSLETTER</p><p>January 6th, 2008</p>"
    end = (
        "<p>CONTINUED 1 | 2 Next</p><p>Page (1) of 1 - 01/14/08</p>"
        '<p>Submit to: <a href="https://digg.com/">Digg</a><a href="https://reddit.com/">Reddit'
        "</a></p><p>this media player requires Flash player version 6 or greater, click here"
        "</p><p>E-mail comments to jane.tan@example.com</p><p>Related to this story:</p>"
        "<p>More from Sports</p>"
    )
    markdown, _ = html_to_markdown(page(top + paragraphs(3) + end))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3


@pytest.mark.parametrize(
    "line",
    [
        "Page: 12Continue »",
        "recommend this article",
        "| E-mail | Print",
        "© Reuters2008All rights reserved.",
        "About the author: David Utter is a staff writer for WebProNews.",
        "Tagged as: andrew piddington | jonas ball | krisha fairchild",
        "Add comment Print story Email story",
        "Welcome to NEWS.com.au. Skip to: Search BoxSection NavigationNetwork Navigation",
        "Search for more stories on this topic on Newstext, our news archive service. Click here",
        "enhanced by Google",
        "Sign up for StreetInsider Free!",
        "Printer friendly page Send this article to Friends by E-Mail",
        "(Note: CBC does not endorse and is not responsible for the content of external links)",
        "The views expressed in the articles are not necessarily those of earthtimes.org",
        "More US (World) News click here",
        "Get latest headlines via RSS feeds",
    ],
)
def test_more_tool_bars_and_notes_are_boilerplate(line):
    assert BOILERPLATE.search(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Please enable JavaScript, the bank told customers whose browsers failed.",
        "Register to vote by Friday, officials said.",
        "More from the minister came later.",
        "Post office: the service will close on Monday, the union said.",
        "Search teams found the boat on Monday.",
        "Page 3 of the report says the money was spent.",
        "The feedback is closed to outsiders, he said, but insiders can still write.",
        "Find more stories like this, the editor told staff, and we will print them.",
        "Sign up for the program opens on Monday at the city hall, the mayor said.",
        "The views expressed by the minister were criticised by the opposition.",
        "More than 200 people died, officials said. To see the list, click here",
    ],
)
def test_sentences_of_a_story_are_not_tool_bars(sentence):
    assert not BOILERPLATE.search(sentence)


def test_the_headline_repeated_in_a_bar_with_the_pages_section_is_left_out():
    bar = "<p id='sticky-title'>Storm hits the coast | Health</p>"
    markdown, _ = html_to_markdown(page(paragraphs(3) + bar))
    assert "Health" not in markdown
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3


def test_the_headline_above_text_that_is_not_in_an_element_of_its_own():
    """2008's markup: the story's first paragraph is the text after the dateline's ``div``,
    its others each after a ``<p>`` that separates them, so that no element of the page
    begins where the story does."""
    story = (
        '<div class="articleTitle">Kerry endorses Obama</div><div class="articleBody">'
        f"<div>Friday, January 11</div>WASHINGTON - The first paragraph {BODY}."
        f"<p>The second paragraph {BODY}.<p>The third paragraph {BODY}.</div>"
    )
    page_ = f"""<html><head><title>Berkshire Eagle Online</title></head><body><table><tr><td>
<h1><a href="/">Berkshire Eagle</a></h1><h3>Latest News</h3></td></tr><tr><td>{story}</td></tr>
</table></body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "Kerry endorses Obama")


def test_a_heading_that_is_the_whole_title_is_the_headline_wherever_it_is():
    """Between the story's headline and its text, a box of the latest stories: another story's
    headline and first lines, which the extractor takes for the article's start."""
    teaser = """<div id="topstories"><h4><a href="/news/story.html?id=2"><span>B.C. schools use
'death trap' vans for student trips</span></a></h4><p class="first">Passenger vans similar to one
that crashed in New Brunswick, killing seven students, have been used by schools.</p><ul><li>
<a href="/news/story.html?id=2">[ more ]</a></li></ul></div>"""
    page_ = f"""<html><head><title>Wrong-way driver halted</title></head><body><div id="story">
{teaser}<div class="storyheader"><h2>Wrong-way driver halted</h2></div>
<p>BURNABY - The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p>
<p>The third paragraph {BODY}.</p></div></body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "Wrong-way driver halted")


def test_a_line_cut_short_with_an_ellipsis_does_not_open_the_article():
    """A menu's line that ends "And More..." reads as a sentence; the article does not open
    with it, so the headline between it and the text is found."""
    page_ = f"""<html><head><title>Summit Daily News - Arts and Entertainment</title></head><body>
<table><tr><td><p class="navheading">AROUND SUMMIT</p><p>Ski &amp; Snowboard, Golf, Hunting &amp;
Fishing, Mountain Biking, Hiking, Rafting &amp; Paddling And More...</p></td><td><p><span
class="headingstory">With writers on strike, Leno, Kimmel appearing on each other's show</span></p>
<p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p>
<p>The third paragraph {BODY}.</p></td></tr></table></body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == (
        "title",
        "With writers on strike, Leno, Kimmel appearing on each other's show",
    )


def test_a_class_naming_the_articles_head_marks_the_headline():
    """``<td class="articleheader">``, ``<font class="storyhead">``: the story's head, nearer
    the text than the site's name in capitals, which the title also names."""
    title = "The Telegraph - Calcutta (Kolkata) | Sports | Tour to continue for now, says BCCI"
    top = '<td class="articleheader"><p id="hd">Tour to continue for now, says BCCI</p></td>'
    page_ = old_page(title, f"<table><tr>{top}</tr></table>").replace(
        "<h3>Latest News</h3>", "<h3>THE TELEGRAPH</h3>"
    )
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "Tour to continue for now, says BCCI")


def test_a_line_named_as_over_or_under_the_headline_is_not_the_headline():
    """Between the headline and the text, ``<span class="subheadline">`` holds the reporter's
    name, ``<div class="article_overtitle">`` a line on the story: the headline is the element
    named as one."""
    top = (
        '<span class="headline">NATO Intervention in Pakistan: Dion</span><br>'
        '<span class="subheadline">Josh Pringle</span>'
    )
    assert old_page_headline("580 CFRA - News Talk Radio", top) == (
        "title",
        "NATO Intervention in Pakistan: Dion",
    )
    top = (
        '<p class="article_headline">Slammer for Rammer</p><div class="article_overtitle">'
        "Judge sets example in handing out four-year sentence</div>"
    )
    page_ = old_page("", top).replace("<title></title>", "")
    assert blocks(html_to_markdown(page_)[0])[0] == ("title", "Slammer for Rammer")


def test_a_sites_name_far_above_the_text_is_not_taken_for_the_headline():
    """The title is the site's name; its longest part, loosely matched, names a line of the
    page's header too. Far above the story's own head, that line is the site's name."""
    top = '<font class="storyhead"><b>Tributes paid to Edmund Hillary</b></font>'
    page_ = old_page("The Hindu News Update Service", top).replace(
        "<h3>Latest News</h3>", "<font><b>News Update Service</b></font>"
    )
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "Tributes paid to Edmund Hillary")


@pytest.mark.parametrize(
    "title",
    [
        "Lukla Airport to be named as Hillary Tenzing Airport- Travel-Services-News By "
        "Industry-News-The Economic Times",
        "Dayton, Ohio Weather, News, Sports and Entertainment WDTN.com, 2 On Your Side News "
        "and Weather: Lukla Airport to be named as Hillary Tenzing Airport",
    ],
)
def test_a_title_joined_to_the_sites_name_without_spaces_names_the_text_above(title):
    """The site's name, longer than the headline, is joined to it with no space on one
    side of the separator, so the title is not split into parts."""
    top = "<b>Lukla Airport to be named as Hillary Tenzing Airport</b>"
    assert old_page_headline(title, top) == (
        "title",
        "Lukla Airport to be named as Hillary Tenzing Airport",
    )


def test_a_print_page_without_a_title_takes_neither_its_intro_nor_a_caption_as_headline():
    """A page of 2008 with no ``<title>`` and no heading: above the text, the headline in a
    ``div``, a picture's caption, and the story's first sentence in bold, which the
    extractor leaves out: that sentence is the standfirst."""
    print_page = f"""<html><body><table><tr><td><div class="mxb"><div class="sh">Gulf states
urge peace with Iran</div></div></td></tr><tr><td><table align="right"><tr><td><div><img
src="gcc.jpg" alt=""><div class="cap">Ahmadinejad is the first Iranian leader to attend the
GCC summit</div></div></td></tr></table>
<b>Gulf leaders have ended their summit in Qatar reiterating their desire for a peaceful
solution to the conflict over Iran's nuclear ambitions.</b>
<p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p></td></tr></table>
</body></html>"""
    found = blocks(html_to_markdown(print_page)[0])
    assert found[:2] == [
        ("title", "Gulf states urge peace with Iran"),
        (
            "standfirst",
            "Gulf leaders have ended their summit in Qatar reiterating their desire for a "
            "peaceful solution to the conflict over Iran's nuclear ambitions.",
        ),
    ]


def test_a_copyright_line_does_not_open_the_article():
    """The extractor's first paragraph is the site's copyright line, set above the story."""
    top = (
        "<p>© Copyright 2008 The Times Leader. All Rights Reserved. Reproduction is "
        "prohibited.</p><h2>'Surge' Makes Annual Banned-Words List</h2>"
    )
    title = "Wilkes-Barre and Northeastern PA News from the Associated Press"
    assert old_page_headline(title, top) == ("title", "'Surge' Makes Annual Banned-Words List")


def test_a_story_in_one_block_ending_in_a_credit_still_opens_the_article():
    """No paragraph ends a sentence: the whole story is one block (its paragraphs split by
    line breaks) that ends with the agency's name. The block of several sentences opens the
    article, and the headline above it is found; the title is only the paper's name."""
    story = " ".join(f"Sentence {i} of the story {BODY}." for i in range(1, 6)) + " - Sapa"
    page_ = f"""<html><head><title>Star</title></head><body><div class="ContentHolder">
<div class="ArticleBody"><h1 class="ArticleHeadline">Bulls centre out for six months</h1>
<p>7 January 2008, 14:24</p><p>{story}</p><p>EMAIL STORY EASY PRINT SEARCH NEWSLETTER</p></div>
</div></body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "Bulls centre out for six months")


def test_a_dateline_inside_the_headlines_element_is_not_part_of_the_headline():
    title = "Jeremy Clarkson ripped off - Digital Lifestyle - Macworld UK"
    top = (
        '<h1><span class="timeStamp">Wednesday, 09 January 2008</span> Jeremy Clarkson ripped '
        "off </h1><h2>Top Gear presenter fails to make his point</h2>"
    )
    assert old_page_headline(title, top) == ("title", "Jeremy Clarkson ripped off")


def test_a_title_that_is_the_sites_name_gives_way_to_the_line_above_the_text():
    """No heading on the page: the headline is a ``<span>`` above the text, and the title,
    which shares no word with it, is the site's name."""
    page_ = f"""<html><head><title>blackenterprise.com</title></head><body><div id="main">
<span>U.S. Stock Indexes Close on Big Bounce</span><p>The first paragraph {BODY}.</p>
<p>The second paragraph {BODY}.</p><p>The third paragraph {BODY}.</p></div></body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "U.S. Stock Indexes Close on Big Bounce")


def test_a_link_of_the_storys_tools_is_not_taken_for_the_headline():
    """A page with no title: a tool's link whose class names a title is nearer the text."""
    top = """<table><tr><td class="title">'Three Queens' sail together, two headed to the
Caribbean</td></tr><tr><td><a class="titlelink" href="/email.asp?id=5451">Email To Friend</a>
</td></tr></table>"""
    page_ = old_page("", top).replace("<title></title>", "")
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "'Three Queens' sail together, two headed to the Caribbean")


@pytest.mark.parametrize(
    "credit",
    [
        "THE CANADIAN PRESS",
        "Murray McCormick, Canwest News Service; Regina Leader-Post",
        "Press Trust of India",
    ],
)
def test_a_news_agencys_credit_below_the_headline_is_not_the_headline(credit):
    page_ = f"""<html><head><title>940 MONTREAL</title></head><body><div id="main">
<span>Gainey gives Canadiens good mid-season grades, except on faceoffs</span><p>{credit}</p>
<p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p>
<p>The third paragraph {BODY}.</p></div></body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == (
        "title",
        "Gainey gives Canadiens good mid-season grades, except on faceoffs",
    )


@pytest.mark.parametrize("title", [None, "BBC SPORTi library-->"])
def test_the_line_above_the_text_beats_a_sites_heading_far_above_it(title):
    """A page of 2008 with no title (or one garbled: its head lost) and no heading of the
    story's: the site's ``<h2>`` "bbc.co.uk Navigation" at the top of the page is the only
    heading. The headline is the line in a ``div`` nearest above the text, past the story's
    first sentence in bold and a picture's caption."""
    head = "" if title is None else f"<head><title>{title}</title></head>"
    page_ = f"""<html>{head}<body><div><h2>bbc.co.uk Navigation</h2><ul><li><a href="/a">News</a>
</li><li><a href="/b">Sport</a></li></ul></div><table><tr><td><div class="mxb"><div class="sh">
Carragher defends confrontation</div></div></td></tr><tr><td><div><img src="c.jpg" alt="">
<div class="cap">Carragher was captaining Liverpool at Kenilworth</div></div>
<b>Jamie Carragher has defended his actions after the match at Luton.</b>
<p>The first paragraph {BODY}.</p><p>The second paragraph {BODY}.</p></td></tr></table>
</body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "Carragher defends confrontation")


def test_a_line_of_the_storys_tools_between_bars_is_not_the_headline():
    """ "| Print |" in a cell named as the article's head is one word, not a headline."""
    top = """<table><tr><td class="contentheading">'Heavy losses' in Sri Lanka clashes</td>
<td class="contentheading">| Print |</td></tr></table>"""
    page_ = old_page("", top).replace("<title></title>", "")
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "'Heavy losses' in Sri Lanka clashes")


@pytest.mark.parametrize(
    "title, label",
    [("Bangkok Post : SPORTS PLUS", "SPORTS PLUS"), ("NY1: Top Stories", "TOP STORIES")],
)
def test_a_sections_label_in_capitals_named_by_the_title_is_not_the_headline(title, label):
    """The title is the site's name and the section's; the section's label, in capitals,
    sits above the story's headline, which is in bold type, and the page has no heading."""
    top = f"<p>{label}</p><b>Newcastle midfielder Barton charged with assault in incident</b>"
    page_ = old_page(title, top).replace("<h3>Latest News</h3>", "")
    assert blocks(html_to_markdown(page_)[0])[0] == (
        "title",
        "Newcastle midfielder Barton charged with assault in incident",
    )


@pytest.mark.parametrize(
    "headline", ["OBAMA WINS IOWA", "The Christmas menu", "Site navigation", "Saturday Mayhem"]
)
def test_a_short_headline_in_capitals_or_ending_in_menu_is_still_a_headline(headline):
    """A line in capitals is a section's label only where the title names it; only a
    heading that ends in "navigation" is the page's navigation's; a day's name before a
    word that is not a month is no date."""
    page_ = old_page("The Courier", f"<h1>{headline}</h1>").replace("<h3>Latest News</h3>", "")
    expected = "The Courier" if headline == "Site navigation" else headline
    assert blocks(html_to_markdown(page_)[0])[0] == ("title", expected)


def test_the_days_date_set_as_a_title_is_not_the_headline():
    """A page of 2008 with no title: the day's date, with no year, in a span named as a
    title, above the story's headline in bold."""
    top = """<span class="sectiontitle">Tuesday January 15</span>
<b>New York City's carriage horses may disappear</b>"""
    page_ = old_page("", top).replace("<h3>Latest News</h3>", "").replace("<title></title>", "")
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "New York City's carriage horses may disappear")


def test_the_text_of_an_iframe_is_never_the_headline():
    """An iframe's text is shown only by a browser without frames (an ad's fallback link);
    it is not a line above the article's text."""
    top = """<span>U.S. Stock Indexes Close on Big Bounce</span>
<iframe src="/ad"><a href="/adclick">ad</a> Click to see our offers today</iframe>"""
    page_ = old_page("blackenterprise.com", top).replace("<h3>Latest News</h3>", "")
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "U.S. Stock Indexes Close on Big Bounce")


def test_a_wires_headline_tag_beats_the_days_date_set_as_a_title():
    """A page of 2008 that copies an agency's story with its own tags (``<headline>``,
    ``<dateline>``) and sets the day's date, with no year, in a span named as a title."""
    top = """<span class="sectiontitle">Tuesday January 15</span><slugline>Lifestyle-US-tourism
</slugline><headline>New York City's carriage horses may disappear</headline>
<dateline>NEW YORK (AFP)</dateline>"""
    page_ = old_page("", top).replace("<h3>Latest News</h3>", "").replace("<title></title>", "")
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == ("title", "New York City's carriage horses may disappear")


def test_the_titles_first_part_is_the_story_even_where_shorter_than_the_sites_name():
    """ "Penny - Stardew Valley Wiki": the ``<h1>`` is the title's first part, not the site."""
    assert old_page_headline("Penny - Stardew Valley Wiki", "<h1>Penny</h1>") == ("title", "Penny")


def test_a_heading_that_is_the_whole_title_beats_a_nearer_one_it_names_in_part():
    """A recipe's name set again, shorter, right above the text."""
    top = "<h1>Bhindi masala (okra stir fry)</h1><h2>Bhindi masala</h2>"
    assert old_page_headline("Bhindi masala (okra stir fry)", top) == (
        "title",
        "Bhindi masala (okra stir fry)",
    )


def test_a_one_word_heading_inside_a_word_of_the_title_is_not_named_by_it():
    """ "On-Line", a heading of the page's footer, is in "Brandon Sun Online" letter for
    letter, but is no part of it."""
    top = "<h1>'Shrek the Musical' sings and dances its way to Broadway this fall</h1>"
    page_ = old_page("Brandon Sun Online", top).replace("</table>", "</table><h1>On-Line</h1>")
    found = blocks(html_to_markdown(page_)[0])
    assert found[0] == (
        "title",
        "'Shrek the Musical' sings and dances its way to Broadway this fall",
    )


@pytest.mark.parametrize(
    ("title", "url", "top", "headline"),
    [
        (  # a box's heading, the site's name, nearer the text; the description is the headline
            "Local biotech researcher dies - Kansas City Business Journal",
            "http://www.bizjournals.com/kansascity/stories/2007/12/24/daily5.html",
            '<h1 class="headline">Local biotech researcher dies</h1>'
            "<h3>Kansas City Business Journal</h3>",
            "Local biotech researcher dies",
        ),
        (  # a slide's heading nearer the text than the slide show's
            "The iPhone SE is in India, here's all we know - Not a flagship | The Economic Times",
            "https://economictimes.indiatimes.com/tech/hardware/slideshow/76280131.cms",
            "<h1>The iPhone SE is in India, here's all we know</h1><h2>Not a flagship</h2>",
            "The iPhone SE is in India, here's all we know",
        ),
        (  # the site's name, the longer part, is the <h1>: the host names it
            "'Bucket List' Tops Box Office - Starpulse Entertainment News Blog",
            "http://www.starpulse.com/news/index.php/2008/01/14/bucket_list_tops_box_office",
            '<h1 id="pageTitle">Starpulse Entertainment News Blog</h1>'
            "<h3 class=\"bTitle\">'Bucket List' Tops Box Office</h3>",
            "'Bucket List' Tops Box Office",
        ),
    ],
)
def test_of_two_headings_the_title_names_the_one_that_is_its_story_part_is_the_headline(
    title, url, top, headline
):
    """The story's part of the title is its longest part that does not name the site (by the
    page's host); the heading nearest the text is not always it."""
    meta = f'<link rel="canonical" href="{url}">'
    meta += f'<meta name="description" content="{headline}">'
    assert old_page_headline(title, top, meta) == ("title", headline)


@pytest.mark.parametrize(
    ("title", "url", "section", "headline"),
    [
        (
            "Kansas City teacher wins award | Local News | The Kansas City Star",
            "https://www.kansascity.com/news/local/article1.html",
            "Local News",
            "Kansas City teacher wins award",
        ),
        (
            "In the age of AI, jobs vanish | Technology News | The Age",
            "https://www.theage.com.au/technology/jobs-1.html",
            "Technology News",
            "In the age of AI, jobs vanish",
        ),
        (
            "Japan earthquake kills 10 | World News | AP",
            "https://apnews.com/article/japan-1",
            "World News",
            "Japan earthquake kills 10",
        ),
    ],
)
def test_a_headline_that_begins_as_the_sites_name_is_still_the_story_part(
    title, url, section, headline
):
    """The title's first part is its story even where its words begin as the host's name
    ("Kansas City …" of kansascity.com): a section's heading nearer the text is not taken."""
    meta = f'<link rel="canonical" href="{url}"><meta property="og:site_name" content="AP">'
    top = f"<h1>{headline}</h1><h2>{section}</h2>"
    assert old_page_headline(title, top, meta) == ("title", headline)


def test_a_description_that_is_the_sites_name_is_not_taken_for_the_headline():
    meta = '<meta name="description" content="Winona Daily News">'
    top = "<h2>Storm batters the coast, killing two</h2><div>Winona Daily News</div>"
    found = old_page_headline("Storm hits the coast - Winona Daily News", top, meta)
    assert found != ("title", "Winona Daily News")


def test_a_title_that_ends_in_a_separator_names_the_site_and_gives_way_to_the_heading():
    """The story's part of the title is left empty ("National Rail Enquiries -"): the heading
    above the text is the headline, though it shares a word ("Rail") with the site's name."""
    top = "<h2>Rail Replacement Services Travel Advice</h2>"
    assert old_page_headline("National Rail Enquiries -", top) == (
        "title",
        "Rail Replacement Services Travel Advice",
    )
    assert old_page_headline("National Rail Enquiries -", "") == (
        "title",
        "National Rail Enquiries",
    )


def test_a_short_h1_above_the_text_beats_a_title_that_is_the_sites_name():
    found = blocks(
        html_to_markdown(old_page("The Calgary Sun", "<h1>Red-hot frontrunners</h1>"))[0]
    )
    assert found[0] == ("title", "Red-hot frontrunners")


@pytest.mark.parametrize("named", ['id="ctl00_litSectionName"', 'class="section-name"'])
def test_a_sections_name_in_an_h1_that_the_title_names_is_not_the_headline(named):
    """A wire's page: the title and the description name the section (its ``<h1>``, named
    so), and the story's headline is the heading right above its text."""
    top = f"<h1 {named}>Local Sports Wire</h1><h2>Toronto guard close to resuming workouts</h2>"
    meta = '<meta name="description" content="Local Sports Wire">'
    assert old_page_headline("cbs11tv.com - Local Sports Wire", top, meta) == (
        "title",
        "Toronto guard close to resuming workouts",
    )


def test_a_headline_over_a_storys_text_in_a_cell_is_not_read_into_its_first_paragraph():
    """A page of 2008: the headline, named so, opens the cell, one line break above the
    story's loose text; the title names it last, after the site's longer name."""
    runs = "<br><br>".join(f"Paragraph {i} of the story {BODY}." for i in range(1, 6))
    cell = (
        '<b class="Headline">Rocket down Eagles</b> <a href="javascript:window.print()">'
        f'<img src="print.jpg" alt="print this article"></a><br>{runs}'
    )
    layout = f"""<html><head><title>Halifax, The Daily News: Sports | Rocket down Eagles</title>
</head><body><table><tr><td><a href="/">Home</a><br><a href="/sports">Sports</a></td>
<td>{cell}</td></tr></table></body></html>"""
    found = blocks(html_to_markdown(layout)[0])
    assert found[0] == ("title", "Rocket down Eagles")
    assert found[1] == ("paragraph", f"Paragraph 1 of the story {BODY}.")


def test_a_title_named_inside_a_run_of_a_cell_stays_in_its_paragraph():
    """Only a headline over the cell's first run is lifted out: a book's title in italics,
    named so, that opens a later run is the paragraph's first words."""
    runs = "<br><br>".join(f"Paragraph {i} of the story {BODY}." for i in range(1, 4))
    cell = f'{runs}<br><br><i class="title">Moby Dick</i> is the novel the story is about.'
    layout = f"""<html><head><title>Whales | Daily</title></head><body><table><tr><td>
<a href="/">Home</a><br><a href="/books">Books</a></td><td><h2>Whales</h2>{cell}</td></tr>
</table></body></html>"""
    found = [t for r, t in blocks(html_to_markdown(layout)[0]) if r == "paragraph"]
    assert found[-1] == "Moby Dick is the novel the story is about."


def test_a_storys_text_set_in_a_cell_with_line_breaks_is_read_as_paragraphs():
    """A page of 2008: the story's text is loose in a table's cell (or a ``<span>`` in one),
    its paragraphs parted by two line breaks, beside a column of links."""
    runs = "<br><br>".join(f"Paragraph {i} of the story {BODY}." for i in range(1, 6))
    for cell in (runs, f'<span class="article">{runs}</span>'):
        layout = f"""<html><head><title>Steelers ready for Jaguars | Toledo Blade</title></head>
<body><table><tr><td><a href="/">Home</a><br><a href="/sports">Sports</a><br>
<a href="/weather">Weather</a></td><td><h2>Steelers ready for Jaguars</h2>{cell}</td></tr>
</table></body></html>"""
        found = [t for r, t in blocks(html_to_markdown(layout)[0]) if r == "paragraph"]
        assert found == [f"Paragraph {i} of the story {BODY}." for i in range(1, 6)]


def test_a_dateline_before_the_span_that_holds_the_text_starts_the_first_paragraph():
    runs = "<br><br>".join(f"Paragraph {i} of the story {BODY}." for i in range(1, 5))
    story = f'<div class="storyContent">LOS ANGELES, Dec. 27 (UPI) -- <span>{runs}</span></div>'
    found = [t for r, t in blocks(html_to_markdown(page(story))[0]) if r == "paragraph"]
    assert found[0] == f"LOS ANGELES, Dec. 27 (UPI) -- Paragraph 1 of the story {BODY}."
    assert found[1:] == [f"Paragraph {i} of the story {BODY}." for i in range(2, 5)]


def test_readers_comments_in_containers_named_as_the_articles_are_not_its_chunks():
    """The article's text is in ``div.content``, and so is each reader's comment below it,
    deeper in the page: those are not chunks of the article."""
    comment = (
        '<div class="comment"><div class="comment_content"><div class="content"><p>{}</p></div>'
    )
    said = "I think the new machine is the redesign we waited for, and I will buy one soon."
    comments = "".join(
        comment.format(said.replace("new", word)) + "</div></div>"
        for word in ("new", "next", "last")
    )
    story = (
        f'<div class="article"><div class="content">{paragraphs(4)}</div></div>'
        f'<div id="commentsContainer"><div id="comments">{comments}</div></div>'
    )
    markdown, _ = html_to_markdown(page(story).replace('<div class="story-body">', "<div>"))
    found = [t for r, t in blocks(markdown) if r == "paragraph"]
    assert found == [f"Paragraph {i} of the story {BODY}." for i in range(1, 5)]


def test_a_table_of_one_cell_a_row_from_the_extractors_fallback_is_read_as_paragraphs():
    """Where its own rules find nothing, the extractor's fallback may give a page laid out in
    a table as that table (each paragraph a row of one cell): the cells are paragraphs. (On
    the extractor's output: which fallback answers depends on the whole page.)"""
    from lxml import etree

    from pipeline.sources import _unwrap_divs

    rows = "".join(f"<row><cell>Paragraph {i} of the story.</cell></row>" for i in range(1, 4))
    main = etree.fromstring(f"<main><table>{rows}</table></main>")
    _unwrap_divs(main)
    assert [(e.tag, e.text) for e in main] == [
        ("p", f"Paragraph {i} of the story.") for i in range(1, 4)
    ]
    data = "<row><cell>Pos</cell><cell>Player</cell></row><row><cell>DL</cell><cell>Ogunjobi</cell></row>"
    main = etree.fromstring(f"<main><p>Text.</p><table>{data}</table></main>")
    _unwrap_divs(main)
    assert [e.tag for e in main] == ["p", "table"]  # (a table of data is not)


def test_the_lines_of_a_song_in_a_part_named_as_a_widget_are_the_article():
    """A blog's post in a part its markup names a widget, its text lines of a song (no
    paragraph of the article's shape): it is the article, as the extractor found."""
    lines = "".join(
        f"<p>{line}</p>"
        for line in (
            "Ai shi qu de ai tao bu hui lai",
            "Wo hai you hua xiang dui ni shuo",
            "She bu de shuo lai bu ji shuo",
            "Li bie de hua zui nan shuo chu kou",
            "Ni hui zhao dao xin de sheng huo",
        )
    )
    blog = f"""<html><head><title>Lyrics: Zhi Neng Xiang Nian Ni</title></head><body>
<div class="header"><h1>Chinese Lyrics</h1></div><div class="widget Blog"><div class="post">
<h3>Zhi Neng Xiang Nian Ni</h3><div class="post-body">{lines}</div></div></div></body></html>"""
    found = [t for r, t in blocks(html_to_markdown(blog)[0]) if r == "paragraph"]
    assert found[:2] == ["Ai shi qu de ai tao bu hui lai", "Wo hai you hua xiang dui ni shuo"]
    assert len(found) == 5


def test_paragraphs_of_a_quote_are_read_with_a_space_between_them():
    """A page of the 1990s: its text in a ``<blockquote>``, paragraphs parted by ``<p>``, a
    listing among them (the extractor's XML is then not indented: nothing parts the
    paragraphs but their tags)."""
    quote = f"""<blockquote>\nThe first paragraph {BODY}.\n<p>\nThe second paragraph {BODY}.
<p></p><pre>\nsyslog facility = local5\nuse chroot = yes\n</pre>\n</blockquote>"""
    markdown, _ = html_to_markdown(page(paragraphs(3) + quote))
    assert f"{BODY}. The second paragraph" in markdown


def test_a_div_with_a_block_inside_an_inline_element_is_not_read_as_a_paragraph():
    """A ``<div>`` whose one child, a ``<span>``, holds blocks (a picture's box, a subhead, a
    ``<font>`` holding the story's paragraphs) is a wrapper, not a paragraph: read as one, its
    blocks were run together and out of order."""
    runs = "<br><br>".join(f"Paragraph {i} of the story {BODY}." for i in range(2, 6))
    story = f"""<div style="width:100%"><span id="intelliTXT"><div class="imageholder">
<img src="/g.jpg"><span>American Gladiators: Hellga</span></div><font class="paragraph">
Paragraph 1 of the story {BODY}.</font><br><br><h3>Power, Size and Beauty</h3>
<font class="paragraph">{runs}</font></span></div>"""
    markdown, _ = html_to_markdown(page(story).replace('<div class="story-body">', "<div>"))
    found = [t for r, t in blocks(markdown) if r == "paragraph"]
    assert found[-4:] == [f"Paragraph {i} of the story {BODY}." for i in range(2, 6)]


def test_a_paragraph_of_pictures_parted_by_a_line_break_is_no_text():
    """Two buttons (pictures) with a line break between them: not a paragraph ("<br>" alone on
    a line would be raw HTML, which a Markdown source may not hold)."""
    buttons = '<p><img src="/btn_gtch.gif" alt="Get The Channels"><br><img src="/btn_tv.gif"></p>'
    markdown, _ = html_to_markdown(page(paragraphs(2) + buttons + paragraphs(2, 3)))
    found = [t for r, t in blocks(markdown) if r == "paragraph"]
    assert found == [f"Paragraph {i} of the story {BODY}." for i in range(1, 5)]


def test_a_table_of_data_among_the_paragraphs_is_read_a_row_a_paragraph():
    """A player's statistics between the story's paragraphs (the extractor leaves out every
    table): each row a paragraph, its cells parted by " | ". A table of links (other
    stories' headlines) is not the article's."""
    stats = "<table><thead><tr><th>Pos</th><th>Player</th><th>Plays</th></tr></thead><tbody>"
    stats += "".join(
        f"<tr><td>{pos}</td><td>{name}</td><td>{plays}</td></tr>"
        for pos, name, plays in (("DL", "Larry Ogunjobi", 63), ("LB", "Joe Schobert", 74))
    )
    stats += "</tbody></table>"
    links = "<table><tr><th>More stories</th></tr>" + "".join(
        f'<tr><td><a href="/story/{i}">Other story number {i} about the team</a></td></tr>'
        for i in range(1, 4)
    )
    links += "</table>"
    markdown, _ = html_to_markdown(
        page(paragraphs(2) + stats + paragraphs(1, 3) + links + paragraphs(1, 4))
    )
    found = [t for r, t in blocks(markdown) if r == "paragraph"]
    assert found == [
        f"Paragraph 1 of the story {BODY}.",
        f"Paragraph 2 of the story {BODY}.",
        "Pos | Player | Plays",
        "DL | Larry Ogunjobi | 63",
        "LB | Joe Schobert | 74",
        f"Paragraph 3 of the story {BODY}.",
        f"Paragraph 4 of the story {BODY}.",
    ]


def test_a_column_named_as_a_widget_that_holds_most_of_the_article_is_the_articles():
    """The site's layout names each of its parts a widget: the headline's ("widget
    widget-hero", with the standfirst, a sentence) and the article's column ("widget
    widget-content"). The part that holds most of the article's paragraphs is the
    article's, not only the one of its first paragraph."""
    layout = f"""<!DOCTYPE html><html><head><title>An Illusionist in Skyrim | PC Gamer</title>
</head><body><article><div class="widget widget-hero"><h1>An Illusionist in Skyrim</h1>
<p>Playing Skyrim with no armour, weapons, non-Illusion spells, or punching.</p></div>
<div class="widget widget-content">{paragraphs(5)}</div>
</article></body></html>"""
    found = [t for r, t in blocks(html_to_markdown(layout)[0]) if r == "paragraph"]
    assert found[-5:] == [f"Paragraph {i} of the story {BODY}." for i in range(1, 6)]


def test_a_page_whose_title_is_never_closed_is_read_not_refused():
    """A page saved with part of its head lost: its ``<title>`` is never closed, and read to
    its close it would hold all of the page (the parser reads a title as text)."""
    broken = f"""<html><head><title>Korean golfer wins Sony Open (The Korea Times)ntById("font");
obj.style.fontSize = fontSize+"pt";
</script></head><body><h1>Korean golfer wins Sony Open</h1>{paragraphs(3)}</body></html>"""
    found = blocks(html_to_markdown(broken)[0])
    assert found[0] == ("title", "Korean golfer wins Sony Open")
    assert [t for r, t in found if r == "paragraph"] == [
        f"Paragraph {i} of the story {BODY}." for i in range(1, 4)
    ]


def test_a_subhead_and_a_list_among_paragraphs_the_extractor_gathered_are_kept():
    """Where the extractor finds no container of the article, it gathers the page's
    paragraphs and leaves out its subheads and lists: a subhead between two of them, and the
    list that the last introduces ("Key Features:"), are put back in their places."""
    features = "".join(
        f"<li>{feature}</li>"
        for feature in ("Operating System: gOS V2 Rocket", "Memory: 512MB DDR2 533MHz SDRAM")
    )
    story = f"""<html><head><title>Do sub-notebooks threaten the MacBook Air? | Tech</title>
</head><body><div class="cntContentBoxFull"><div class="contentNewsPageArticle">
<h1>Do sub-notebooks threaten the MacBook Air?</h1><div id="jsArticleContent">
{paragraphs(2)}<h3>Eee PC set for battle?</h3>{paragraphs(2, 3)}<p>Key Features:</p>
<ul>{features}</ul></div></div></div></body></html>"""
    found = blocks(html_to_markdown(story)[0])
    assert found[3] == ("subhead", "Eee PC set for battle?")
    assert found[-3:] == [
        ("paragraph", "Key Features:"),
        ("list-item", "Operating System: gOS V2 Rocket"),
        ("list-item", "Memory: 512MB DDR2 533MHz SDRAM"),
    ]


@pytest.mark.parametrize(
    "credit", ["Illustration by Mike Nudelman", "Courtesy G4", "Photo: Reuters"]
)
def test_a_credit_on_a_line_below_a_picture_is_the_pictures_credit(credit):
    """A picture's credit set as a line of its own below it, in no element named a caption
    (``<p class="source">``, as Business Insider set it): the picture is published with it as
    its credit, not a paragraph of the story above the picture's place."""
    picture = (
        '<div class="image"><img src="https://example.com/cover.jpg" alt="Larry Page" '
        f'width="800"><p class="source"><span>{credit}</span></p></div>'
    )
    markdown, _ = html_to_markdown(page(picture + paragraphs(4)))
    assert f'![](https://example.com/cover.jpg "{credit}")' in markdown
    found = blocks(markdown)
    assert ("paragraph", credit) not in found and ("credit", credit) in found


def test_the_labels_of_a_content_systems_fields_are_not_the_story():
    """Drupal names each field of a page by a label above it ("Episode Description:") in an
    element of class ``field-label`` (``field__label`` in later versions); the wrapper's own
    ``field-label-above`` says only where the label is, and its field is the story's."""
    field = (
        '<div class="field field-name-field-lede field-label-above"><div class="{label}">'
        'Episode Description:&nbsp;</div><div class="field-items"><div class="field-item">'
        "{text}</div></div></div>"
    )
    body = "".join(
        field.format(label=label, text=f"Paragraph {n} of the story {BODY}.")
        for n, label in ((1, "field-label"), (2, "field__label"))
    )
    found = blocks(html_to_markdown(page(body + paragraphs(2, 3)))[0])
    assert [t for r, t in found if r == "paragraph"] == [
        f"Paragraph {n} of the story {BODY}." for n in range(1, 5)
    ]


def test_captions_found_by_their_place_keep_each_its_own_picture():
    """Three pictures, each in a paragraph of its own with its caption below it (how a
    content system without ``<figure>`` sets them), all in one container: each figure is
    published with the picture above its caption, not the container's first."""
    body = paragraphs(1)
    for n, (name, caption) in enumerate(
        (
            ("cranes", "Photo: Reuters"),
            ("ship", "<em>The first ship to call at the new quay</em>"),
            ("map", "Illustration by Mike Nudelman"),
        ),
        start=2,
    ):
        body += f'<p><img src="https://example.org/{name}.jpg"></p><p>{caption}</p>'
        body += paragraphs(1, n)
    markdown, _ = html_to_markdown(page(body))
    figures = re.findall(r"!\[([^\]]*)\]\(([^) ]+)", markdown)
    assert figures == [
        ("", "https://example.org/cranes.jpg"),
        ("The first ship to call at the new quay", "https://example.org/ship.jpg"),
        ("", "https://example.org/map.jpg"),
    ]


STORY_HIGHLIGHTS = """<html><head><title>Democrats to use Social Security against GOP</title>
</head><body><h1>Democrats to use Social Security against GOP</h1><div class="cnn_strycntntlft">
<div class="cnn_strylftcntnt"><div class="cnn_strylctcntr"><div class="cnn_strylccimg300cntr">
<img src="https://example.com/kaine.jpg" alt="Kaine" width="300" height="169"></div>
<div class="cnn_strylccimg300cptn"><div>Democratic National Committee Chairman Tim Kaine says
Democrats will continue to highlight their role in Social Security.</div></div></div></div>
<div class="cnn_strylftcntnt"><div class="cnn_strylctcntr"><div><b>STORY HIGHLIGHTS</b></div>
<ul class="cnn_bulletbin cnnStryHghLght">
<li>The Social Security Act was signed into law on August 14, 1935</li>
<li>{second}</li></ul></div></div>
{paragraphs}</div></body></html>"""


def test_a_list_the_extractor_left_out_below_the_line_that_names_it_is_kept():
    """A story's highlights, as CNN set them: a line in bold ("STORY HIGHLIGHTS") and a list
    in a box above the text. The extractor keeps the line and leaves out the list; the list
    is read back below it, rather than the line standing alone as a subhead of nothing."""
    second = "DNC Chairman Tim Kaine says Democrats will tout the program this fall"
    story = STORY_HIGHLIGHTS.format(second=second, paragraphs=paragraphs(4))
    found = blocks(html_to_markdown(story)[0])
    at = found.index(("subhead", "STORY HIGHLIGHTS"))
    assert found[at + 1 : at + 4] == [
        ("list-item", "The Social Security Act was signed into law on August 14, 1935"),
        ("list-item", second),
        ("paragraph", f"Paragraph 1 of the story {BODY}."),
    ]


@pytest.mark.parametrize("led_by_links", [False, True])
def test_a_list_of_links_below_a_short_line_is_not_read_back(led_by_links):
    """The rule alone, on the line the extractor kept: a list of links to other stories
    below the line ("Related") is not the story's."""
    from lxml import etree, html

    from pipeline import pagetext

    items = ["The Social Security Act was signed into law", "Democrats will tout the program"]
    if led_by_links:
        items = [f'<a href="https://example.com/{n}">{item}</a>' for n, item in enumerate(items)]
    tree = html.fromstring(
        "<html><body><div><div><b>Related</b></div><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + f"</ul></div>{paragraphs(2)}</body></html>"
    )
    main = etree.fromstring(f"<doc><p>Related</p><p>Paragraph 1 of the story {BODY}.</p></doc>")
    pagetext.add_labelled_lists(tree, main)
    assert [e.tag for e in main] == (["p", "p"] if led_by_links else ["p", "list", "p"])


def test_a_post_whose_first_words_a_paragraph_quotes_is_still_kept():
    """The article quotes the start of the post it embeds ("“Hey Twitter, the whole point …,”
    Noem tweeted."): that paragraph is not the post."""
    said = "Hey Twitter, the whole point of this ad campaign is to raise awareness"
    post = f"""<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">
{said}. So I think that's working.</p>&mdash; Governor Kristi Noem (@govkristinoem)
<a href="https://twitter.com/govkristinoem/status/1">November 18, 2019</a></blockquote></div>"""
    quoting = f"<p>“{said},” Noem tweeted. “So I think that's working.”</p>"
    markdown, _ = html_to_markdown(page(paragraphs(2) + quoting + post + paragraphs(2, 3)))
    assert f"> {said}. So I think that's working." in markdown
    assert f"“{said},” Noem tweeted." in markdown


@pytest.mark.parametrize(
    "line",
    [
        "WATCH | Residents react to the flooding in the valley:",
        "text size: T T Your Company September 20, 2011, 6:37 PM EDT",
        "READ NEXT: Rain returns to the coast this weekend, forecasters say",
        "We apologize, but this video has failed to load.",
        "Try refreshing your browser, or tap here to see other videos from our team.",
        "Advertisement 2 Story continues below",
        "Advertisement 1 Story continues below This advertisement has not loaded yet, but your "
        "article continues below.",
        "End of Article",
        "Share this storyComments",
        "Thanks for signing up!",
        "By providing your email address, you agree to the Daily's Terms and Privacy Policy.",
        "after newsletter promotion",
        "Got a story? Get in touch with our news desk by emailing us at news@example.com.",
        "Do you have a story to share? Email: jane.tan@example.com",
        "• Email: jtan@example.com",
        "For more stories like this, check our news page.",
        "Our website is your destination for the latest local news, so bookmark our homepage.",
        "Add us as a preferred source on Google",
        "Add The Daily to your Google News feed.",
        "Follow The Daily on Google News to get our stories in your feeds.",
        "Join the conversation",
        "Latest Videos From",
        "Published on •Updated",
        "Image: Jane Tan",
        "Thank you for visiting example.com. You are using a browser version with limited "
        "support for CSS.",
        "Enjoying our stories? Log in or create an account to continue",
        "We choose everything we review. Buying through us may earn us a commission.",
        "For the latest news from across the region from The Daily, sign up for ournewsletters .",
    ],
)
def test_modern_promos_players_and_bars_are_boilerplate(line):
    assert BOILERPLATE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "Font size: a larger type helps older readers, a study of the county's libraries found.",
        "Text size at issue in other counties",
        "Text size matters for readers who find small type hard to read.",
    ],
)
def test_lines_that_begin_as_a_text_size_tool_does_are_not_boilerplate(line):
    assert not BOILERPLATE.search(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Watch the video, the police said, and you will see the car.",
        "He would email the mayor at city hall, he said, and get in touch with her staff.",
        "Published on Monday, the report found that rents rose by 9 per cent.",
        "The end of the story came in court on Friday, when the judge ruled.",
        "Image rights were sold to the agency in 2019, the lawyers said.",
        "Join the conversation about the budget at the town hall on Monday, the mayor said.",
        "Share this article with your MP, the campaigners urged, before the vote on Friday.",
        "Our website is down, the company told customers on Monday.",
        "Thank you for visiting the ward, the nurse told the minister.",
    ],
)
def test_sentences_of_a_story_are_not_modern_promos(sentence):
    assert not BOILERPLATE.search(sentence)


@pytest.mark.parametrize(
    "line",
    [
        "With files from The Canadian Press and Jane Tan",
        "With reporting by Associated Press writer Jane Tan",
        "With reports from the Daily and the Herald",
        "– additional reporting by Jane Tan",
        "Additional reporting from Reuters",
        "First published in The Conversation.",
        "Jane Tan is a senior researcher with the City Observatory.",
    ],
)
def test_more_closing_notes_of_news_pages(line):
    assert AUTHOR_NOTE.match(line)


def test_a_promo_an_ad_slot_and_closing_credits_in_the_article_are_left_out():
    middle = (
        "<p>Advertisement 1 Story continues below</p>"
        "<p>WATCH | Residents react to the flooding in the valley:</p>"
        "<p>Got a story? Get in touch with our news desk by emailing us at "
        '<a href="mailto:news@example.com">news@example.com</a>.</p>'
    )
    end = (
        "<p>With files from The Canadian Press</p>"
        "<p>Our website is your destination for the latest local news, so bookmark our "
        "homepage and sign up for our newsletters.</p>"
        "<p>End of Article</p>"
    )
    markdown, _ = html_to_markdown(page(paragraphs(2) + middle + paragraphs(2, 3) + end))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 4
    for words in ("Advertisement", "WATCH", "news desk", "website", "End of"):
        assert words not in markdown
    # the credit is kept as a byline is, in the front matter, not as the article's text
    front, body = markdown.split("\n---\n", 1)
    assert "With files from The Canadian Press" in front and "files from" not in body


@pytest.mark.parametrize(
    "line",
    [
        "Jane Tan5 hours ago",
        "Jane Van Der Tan|Published",
        "Politics / March 3, 2024",
        "“swipe left below to view more authors”Swipe →",
        "Get the latest election news to your phone",
        '"Politics" POPULAR ARTICLES',
        "Trending now",
    ],
)
def test_bylines_with_times_section_dates_and_list_names_are_boilerplate(line):
    assert BOILERPLATE.search(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Jane Tan said 5 hours ago that the road was closed.",
        "Politics / economics: the two are hard to split, she said on March 3, 2024.",
        "Popular articles on the site were written by her, the editor said.",
    ],
)
def test_sentences_of_a_story_are_not_bylines_or_list_names(sentence):
    assert not BOILERPLATE.search(sentence)


def test_the_ap_closing_credit_of_two_sentences_is_a_closing_note():
    assert AUTHOR_NOTE.match(
        "Tan reported from Lagos and Kim from Seoul. Associated Press writer Jane Park in "
        "Tokyo contributed to this report."
    )


def test_lists_of_other_stories_in_the_article_are_left_out():
    """A list of links to stories whose first item is only a picture, a list of headlines
    each beside its thumbnail (their links lost), and a link to a story under "Read more"."""
    links = (
        '<ol><li><img src="/a.jpg" alt="A tent"></li>'
        '<li><a href="/2024/11/29/hostage">Daughter of businessman held hostage by thieves</a></li>'
        '<li><a href="/2024/11/27/message">Star has sent the wrong message to her sons</a></li>'
        "</ol>"
    )
    teasers = "<ul>" + "".join(
        f'<li><figure></figure>Typhoon {n} forms south of the islands<img src="/t{n}.jpg"></li>'
        for n in range(3)
    )
    teasers += "</ul>"
    read_more = (
        "<h4>Read more</h4>"
        '<h3><a href="/world/court-rejects-bid">Court rejects bid to toss the verdict</a></h3>'
    )
    body = paragraphs(2) + links + paragraphs(1, 3) + teasers + paragraphs(1, 4) + read_more
    markdown, _ = html_to_markdown(page(body + paragraphs(1, 5)))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 5
    for words in ("hostage", "sons", "Typhoon", "Read more", "verdict"):
        assert words not in markdown


def test_a_list_of_headlines_with_pictures_that_end_in_full_stops_is_kept():
    items = "".join(
        f'<li>The mayor opened bridge {n} on Monday, officials said.<img src="/b{n}.jpg"></li>'
        for n in range(3)
    )
    markdown, _ = html_to_markdown(page(paragraphs(2) + f"<ul>{items}</ul>" + paragraphs(1, 3)))
    assert "bridge 2" in markdown


def test_a_closing_credit_set_as_a_list_of_one_item_before_labels_is_a_credit():
    end = "<ul><li>– additional reporting by Jane Tan</li></ul><p>Article content</p>"
    markdown, _ = html_to_markdown(page(paragraphs(3) + end))
    front, body = markdown.split("\n---\n", 1)
    assert "additional reporting by Jane Tan" in front
    assert "Jane Tan" not in body and "Article content" not in body
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3


def test_the_sites_name_as_a_pictures_credit_above_the_article_is_not_its_headline():
    """The title ("Story | The Daily") names the site (its ``og:site_name``); a credit "( The
    Daily )" nearest above the text is that part of the title, not the headline; nor is a
    sign-up box's heading: the ``<h1>`` above them is, though the titles are worded
    otherwise."""
    credited = f"""<!DOCTYPE html><html><head>
<title>Coast storm: town floods as river bursts its banks | The Daily</title>
<meta property="og:title" content="Town floods as the river bursts its banks">
<meta property="og:site_name" content="The Daily"></head><body>
<h1>Town is flooded after the river bursts its banks in the night</h1>
<h3>Sign up to our free breaking news emails</h3>
<p>( The Daily )</p><article><div class="story-body">{paragraphs(3)}</div></article>
</body></html>"""
    markdown, _ = html_to_markdown(credited)
    headline = "Town is flooded after the river bursts its banks in the night"
    assert blocks(markdown)[0] == ("title", headline)


def test_a_short_line_all_in_bold_between_paragraphs_is_a_subhead():
    body = (
        paragraphs(2)
        + '<p><span style="color: #808080;"><strong>Water woes</strong></span></p>'
        + paragraphs(1, 3)
        + "<p><strong>Note:</strong></p>"
        + "<p><strong>The minister said the dam would be finished by May.</strong></p>"
        + '<p><strong><a href="/more">More on the dam project</a></strong></p>'
        + paragraphs(1, 4)
    )
    found = blocks(html_to_markdown(page(body))[0])
    assert ("subhead", "Water woes") in found
    assert [r for r, _ in found].count("subhead") == 1
    assert ("paragraph", "The minister said the dam would be finished by May.") in found


@pytest.mark.parametrize(
    "line",
    [
        "Get daily Local news",
        "JN ACCESS RANKING",
        "Members are sent special offers and adverts from us and our partners. You can check "
        "out at any time.",
        "Follow along with the latest updates below.",
        "Opinions expressed are solely those of the author and do not reflect the views of the "
        "editors.",
    ],
)
def test_sign_up_boxes_live_notes_and_disclaimers_are_boilerplate(line):
    assert BOILERPLATE.search(line)


@pytest.mark.parametrize(
    "line", ["January 7, 2008 4:30 PM | Printable version", "January 8, 2008 | Permalink"]
)
def test_a_dateline_with_a_storys_tools_is_boilerplate(line):
    assert BOILERPLATE.search(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Get daily news from the front, the general told his officers.",
        "The views expressed are those of the author of the report, the minister said.",
        "Follow the latest updates on the strike, the union told its members on Monday.",
    ],
)
def test_sentences_of_a_story_are_not_sign_up_boxes(sentence):
    assert not BOILERPLATE.search(sentence)


def test_teasers_and_notices_below_the_article_outside_its_container_are_the_pages():
    """A page of 2008 laid out in columns: the extractor keeps the sidebar's teasers and the
    footer's notice below the story; they are outside the element that holds the story's
    paragraphs, so they are not the article's, whatever their words."""
    teasers = [
        "Tell us your favourite children's television programme ever",
        "Sam Coates on politics, spin and the latest from Westminster",
        "Join free and get in shape for 2008",
        "2005/54 £70,995 South East England",
    ]
    side = "".join(f'<div class="item"><p>{t}</p></div>' for t in teasers)
    markdown, _ = html_to_markdown(
        f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head><body>
<div id="main"><div class="col"><h1>Storm hits the coast</h1><div id="text">{paragraphs(5)}</div>
</div><div class="col2">{side}</div></div><div id="foot"><p>Contact our advertising team for
advertising and sponsorship in the Daily.</p></div></body></html>"""
    )
    found = blocks(markdown)
    assert [r for r, _ in found] == ["title"] + ["paragraph"] * 5
    assert found[-1][1] == f"Paragraph 5 of the story {BODY}."


def test_short_lines_above_the_article_outside_its_container_are_the_pages_a_lede_is_kept():
    """Above the story, a line of fewer than eight words outside its container (a promo, the
    site's name) is the page's; a longer one (a standfirst the page sets apart) is kept."""
    lede = (
        "Penalties for those who refuse to self-isolate are to be increased to a maximum of "
        "ten thousand pounds"
    )
    markdown, _ = html_to_markdown(
        f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head><body>
<div id="main"><p>Tell us your favourite programme</p><p>From Times Online</p>
<h1>Storm hits the coast</h1><div class="intro"><p>{lede}</p></div>
<div id="text">{paragraphs(5)}</div></div></body></html>"""
    )
    found = blocks(markdown)
    assert found[:2] == [("title", "Storm hits the coast"), ("paragraph", lede)]
    assert "Times Online" not in markdown and "programme" not in markdown


def test_an_article_whose_container_does_not_hold_its_first_paragraph_loses_nothing():
    """The story's first paragraphs in a chunk of their own (``story-body-1``, four of twenty
    paragraphs) and a long footer of sentences below a short story: where the element that
    holds most of the text does not hold the story's first paragraph, it is not taken for the
    article's container, and nothing is left out for being outside it."""
    chunks = f"""<div class="story-body story-body-1">{paragraphs(4)}</div>
<div class="story-body story-body-2">{paragraphs(16, 5)}</div>"""
    markdown, _ = html_to_markdown(page(chunks))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 20
    footer = "".join(
        f"<p>The Daily News covers the city in more depth than any other paper, line {i} of a "
        "footer that runs on for many words about the paper and its owners and offices.</p>"
        for i in range(30)
    )
    short = f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head>
<body><div id="story"><h1>Storm hits the coast</h1>{paragraphs(2)}<p>The Sea Dogs won 6-4</p>
</div><div id="foot">{footer}</div></body></html>"""
    markdown, _ = html_to_markdown(short)
    assert "The Sea Dogs won 6-4" in markdown


@pytest.mark.parametrize(
    "note",
    [
        "Abigail Williams and Beomsu Jo contributed.",
        "Jennifer Jett is the Asia Digital Editor for NBC News, based in Hong Kong.",
        "Stella Kim is an NBC News freelance producer based in Seoul.",
    ],
)
def test_who_contributed_and_a_producers_note_close_a_story_as_notes_on_its_authors(note):
    assert AUTHOR_NOTE.match(note)
    markdown, _ = html_to_markdown(page(f"{paragraphs(4)}<p>{note}</p>"))
    found = blocks(markdown)
    assert found[-1] == ("paragraph", f"Paragraph 4 of the story {BODY}.")
    assert ("paragraph", note) not in found


def test_a_last_chunk_of_the_article_after_an_advertisement_is_kept():
    """The story's column split by an advertisement into two elements of the same class, the
    second holding its last paragraph (less than a tenth of its text): a chunk of the
    article, not a part of the page outside it."""
    markdown, _ = html_to_markdown(
        f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head><body>
<div id="story"><h1>Storm hits the coast</h1><div class="text-block">{paragraphs(19)}</div>
<div class="ad">Advertisement</div><div class="text-block"><p>That ends it.</p></div></div>
</body></html>"""
    )
    assert blocks(markdown)[-1] == ("paragraph", "That ends it.")


def headline_of(page_html: str) -> str:
    return next(t for r, t in blocks(html_to_markdown(page_html)[0]) if r == "title")


def test_a_heading_named_like_a_title_above_the_headline_is_not_taken_for_it():
    """The author's job in a ``span.author-title`` nearer the story than its ``<h1>``, and a
    page title worded otherwise than the ``<h1>`` but of its words: the title names the
    story, not the site, so the headline is the ``<h1>``, not the line nearest the story."""
    h1 = "Rudy Giuliani Is No Longer In The Running To Become Secretary Of State"
    title = "Rudy Giuliani Is No Longer In The Running For Secretary Of State"
    page_html = f"""<!DOCTYPE html><html><head><title>{title}</title></head><body>
<article><h1 class="entry-title">{h1}</h1><div class="byline"><a href="/author/a">Andrew
Husband</a><span class="author-title">News &amp; Culture Writer</span></div>
<div class="entry-content">{paragraphs(4)}</div></article></body></html>"""
    assert headline_of(page_html) == h1


@pytest.mark.parametrize(
    ("h1", "headline"),
    [
        (
            "Foxy Brown Asks For Early Release From Prison, Says Her Health Is In Jeopardy",
            "Foxy Brown Asks For Early Release From Prison, Says Her Health Is In Jeopardy",
        ),
        (
            "Foxy Brown Asks For Early Release From Prison (14/01/2008)",
            "Foxy Brown Asks For Early Release From Prison",
        ),
    ],
)
def test_an_h1_that_runs_on_past_the_titles_words_is_the_headline_a_date_beside_it_is_not(
    h1, headline
):
    title = "Foxy Brown Asks For Early Release From Prison - News Story | Music | MTV News"
    page_html = f"""<!DOCTYPE html><html><head><title>{title}</title></head><body>
<div id="content"><h1 class="main-title">{h1}</h1><div class="story">{paragraphs(4)}</div>
</div></body></html>"""
    assert headline_of(page_html) == headline


def kept_at(line: str, where: str) -> bool:
    """Is ``line``, a paragraph of the story's container above its paragraphs, below them or
    among them, kept?"""
    body = {
        "above": f"<p>{line}</p>{paragraphs(4)}",
        "below": f"{paragraphs(4)}<p>{line}</p>",
        "among": f"{paragraphs(2)}<p>{line}</p>{paragraphs(2, 3)}",
    }[where]
    return ("paragraph", line) in blocks(html_to_markdown(page(body))[0])


@pytest.mark.parametrize(
    "line",
    [
        "Home | Breaking News | Shopping | Archives | Contact Us | About Us | Weather",
        "News: ePaper | Front Page | National | Tamil Nadu | Opinion | Business | Sport |",
        "| Auto Racing | Baseball | Boxing | College Basketball | Golf | Hockey",
        "More in World Sport » Football • Formula 1 • Golf • Sailing • More Top Stories",
        "» email this page | delicious | digg | reddit | technorati",
        "TheStar.com | Sports | John McHale, 86: Expos' first president",
        "Home > Headlines > HRH Princess Galyani Vadhana passes away",
        "You are here: silicon.com > Management > IT Pro",
        "| Britain's No.1 quality newspaper website | Make us your homepage",
        "NewsFlash Home | More International News",  # (two items, the last "More …")
    ],
)
def test_a_sites_navigation_or_breadcrumb_set_as_a_line_is_left_out(line):
    """Pages of 2008 whose navigation is a line of names set apart by bars, often written
    without links, which the extractor keeps as a paragraph above or below the story."""
    assert not kept_at(line, "above") and not kept_at(line, "below")
    assert kept_at("The port handled record cargo in the last month of the year.", "above")


@pytest.mark.parametrize(
    "line",
    [
        "The plan | which he said was final | will go ahead.",
        "Scores rose from 10 > 5 > 2 in the end.",
        "Rain in the north | Sun in the south",  # two items: a pair, not a bar
        "Photo: Reuters | Jane Tan",
        "Costs: rent • food • fuel. Wages did not keep up, the union said.",
        "• Rents rose • Wages fell",  # (two items led by a bullet: a list written as a line)
    ],
)
def test_lines_with_a_bar_or_two_that_are_not_a_sites_navigation_are_kept(line):
    assert kept_at(line, "above") and kept_at(line, "below")


@pytest.mark.parametrize(
    "line",
    [
        "Price: $499 | Battery: 10 hours | Weight: 1.2 kg",
        "Flour • sugar • three eggs • a pinch of salt",
        "Arsenal 2 Chelsea 1 | Spurs 0 Hull 3 | Leeds 1 Derby 1",
        "Location: Paris | Date: June 5 | Tickets: £20",
    ],
)
def test_a_line_of_a_navigations_shape_among_the_storys_paragraphs_is_the_storys(line):
    """A product's specifications, a recipe's line, the day's scores: among the story's
    paragraphs, a line of items set apart by bars or bullets is its own."""
    assert kept_at(line, "among")


def test_a_tables_rows_parted_by_bars_are_not_a_sites_navigation():
    """A table of data in the story is written a row a paragraph, its cells parted by bars
    ("Pos | Player | Plays | %"): short cells, as a navigation line's, but the article's."""
    table = (
        "<table><tr><th>Pos</th><th>Player</th><th>Plays</th><th>Share</th></tr>"
        "<tr><td>QB</td><td>Tom Brady</td><td>64</td><td>100%</td></tr>"
        "<tr><td>WR</td><td>Julian Edelman</td><td>58</td><td>91%</td></tr></table>"
    )
    markdown, _ = html_to_markdown(page(f"{paragraphs(2)}{table}{paragraphs(2, 3)}"))
    texts = [text for _, text in blocks(markdown)]
    assert "Pos | Player | Plays | Share" in texts
    assert "WR | Julian Edelman | 58 | 91%" in texts


def test_promos_of_the_article_shape_in_a_sidebar_do_not_widen_the_articles_container():
    """A page of 2008 in columns whose sidebar's promos end with a full stop, as the story's
    paragraphs do, and hold more than a tenth of their letters: the article's paragraphs are
    the run of them that the page's other lines do not break, so its container is the story's
    column, and the sidebar's promos and notices below it are the page's."""
    side = "".join(
        f'<div class="puff"><p>{line}</p></div>'
        for line in [
            "Full coverage of the race for the presidency",
            "Fly to Australia from £662 with stopovers in Singapore",
            "Residential development site with planning permission £1,500,000",
            "What are you up to at the weekend? And the one after? Our critic has the best "
            "of the shows, the films and the exhibitions for the month ahead of you.",
            "Beautiful 4 bedroom, 3 reception property, guide price £725,000",
            "Competitive salary, Partnerships for Schools, London",
            "£56,716 - £69,166, National Office, Coventry",
            "The definitive guide to the best state and independent schools in Britain, "
            "with the tables of results for every school in every county of the country.",
        ]
    )
    markdown, _ = html_to_markdown(
        f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head><body>
<div id="region-body"><div id="column1"><h1>Storm hits the coast</h1>{paragraphs(6)}</div>
<div id="column2">{side}</div></div></body></html>"""
    )
    found = blocks(markdown)
    assert [r for r, _ in found] == ["title"] + ["paragraph"] * 6
    assert "weekend" not in markdown and "schools" not in markdown


def test_tabs_between_the_articles_first_line_and_its_paragraphs_are_the_pages():
    """The byline in a chunk of the article's container above a bar of tabs, then the story:
    short lines outside the container above its first paragraph are the page's, even below a
    line of the article's own."""
    markdown, _ = html_to_markdown(
        f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title></head><body>
<h1>Storm hits the coast</h1><div class="content"><p>By Jane Tan, weather writer</p></div>
<div class="tabs"><p>Story Details</p><p>Pictures and Video</p><p>Disclaimer</p></div>
<div class="content">{paragraphs(5)}</div></body></html>"""
    )
    assert "Pictures" not in markdown and "Disclaimer" not in markdown
    assert [r for r, _ in blocks(markdown)].count("paragraph") >= 5


def test_a_paragraph_holding_most_of_the_text_is_not_the_articles_container():
    """A story whose first paragraph holds most of its text (a page of 2008 writes much of a
    story as one block): the container is the element around the story's blocks, not that
    paragraph, so the paragraphs and the list after it are kept."""
    long = " ".join(f"Sentence {i} of the first block of the story {BODY}." for i in range(30))
    markdown, _ = html_to_markdown(
        page(f"<p>{long}</p>{paragraphs(2)}<ul><li>Roads closed</li><li>Schools shut</li></ul>")
    )
    assert markdown.count("Paragraph ") == 2
    assert "Schools shut" in markdown


@pytest.mark.parametrize(
    "prolog",
    [
        '<?xml version="1.0" encoding="utf-8"?>',
        # a page saved with its head garbled: the declaration runs into a meta tag's keywords
        '<?xml version="1.0" encoding="ilashack, palestinian, superpowers, Sri Lanka" />',
    ],
)
def test_a_page_that_opens_with_an_xml_declaration_is_read(prolog):
    markdown, _ = html_to_markdown(prolog + "\n" + page(paragraphs(3)))
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3


def test_emphasis_an_editor_split_into_pieces_is_read_as_one_run():
    """A page's editor wrote bold and italics in pieces, one element after another with
    nothing between (a real page: ``<strong>The g</strong><strong>ov</strong>…``): the
    subhead is one heading, whole words, and no paragraph publishes CommonMark's asterisks
    (``**bo****ld**``)."""
    split = (
        "<p><strong>The g</strong><strong>ov</strong><strong>ernmen</strong><strong>t</strong>"
        "<strong>’s</strong><strong> stance</strong></p>"
        f"<p>Paragraph with <strong>bo</strong><strong>ld</strong> and <em>ital</em><em>ic</em>"
        f" words {BODY}.</p>"
    )
    markdown, _ = html_to_markdown(page(paragraphs(2) + split + paragraphs(2, 3)))
    assert blocks(markdown)[3:5] == [
        ("subhead", "The government’s stance"),
        ("paragraph", f"Paragraph with bold and italic words {BODY}."),
    ]
    assert f"Paragraph with **bold** and *italic* words {BODY}." in markdown


def test_the_space_between_two_inline_elements_is_kept():
    """The extractor drops a tail of spaces only, and an element of spaces only: on a real
    page every "where to watch" line ran its words together ("is currentlystreaming on
    Netflixand available to rent onGoogle Play"), a link's last word and the bold after it
    ("sackedlast night"), and a column's words around an ``<em>`` of one space
    ("meanspredictable")."""
    line = (
        '<p>Star Wars <em>is currently</em> <a href="https://www.netflix.com/w"><em>streaming on'
        ' Netflix</em></a> <em>and available to rent on</em> <a href="https://play.google.com/'
        'x"><em>Google Play</em></a> <em>and</em> <a href="https://www.youtube.com/y"><em>YouTube'
        f"</em></a><em>.</em> It means<em> </em>predictable words {BODY}.</p>"
        f'<p><strong><a href="https://x.com/s">He was sacked</a> </strong>last night {BODY}.</p>'
        f'<p><span><b>Editor:</b> this is</span> <a href="/y">linked</a> text {BODY}.</p>'
    )
    markdown, _ = html_to_markdown(page(paragraphs(2) + line + paragraphs(2, 3)))
    assert blocks(markdown)[3] == (
        "paragraph",
        "Star Wars is currently streaming on Netflix and available to rent on Google Play and "
        f"YouTube. It means predictable words {BODY}.",
    )
    assert blocks(markdown)[4] == ("paragraph", f"He was sacked last night {BODY}.")
    # (the space goes after the element's last words, not after an earlier bold part of it)
    assert blocks(markdown)[5] == ("paragraph", f"Editor: this is linked text {BODY}.")
    assert (
        "Star Wars *is currently* [streaming on Netflix](https://www.netflix.com/w) *and "
        "available to rent on* [Google Play](https://play.google.com/x)"
    ) in markdown


def test_a_page_the_extractor_runs_into_one_block_is_read_again_by_its_tables():
    """A page of 2008 laid out in tables, its story a row a paragraph: the extractor, which
    deletes tables, ran the site's navigation, the headline, its date and the story into one
    paragraph. Read again with its tables of layout as ``div``s, the story is paragraphs, and
    the headline the line above it (the title names the site and a section)."""
    nav = " ".join(
        f'<a href="/s{i}">{word}</a>'
        for i, word in enumerate("Home Football Premiership Scotland Europe Cricket Golf".split())
    )
    rows = "".join(
        f'<tr><td class="bodyText">Sentence {i} of the report on the match {BODY}.</td></tr>'
        for i in range(5)
    )
    page_ = f"""<html><head><title>clubcall - Latest football news, transfers, reports</title>
</head><body><table width="780"><tr><td>{nav}</td></tr><tr><td><table width="500"><tr><td>
<b><span class="headerText"><b>Gunners star to comeback</span></b><br><span class="dateText">
20080109 15:24</span></td></tr></table><table width="500">{rows}</table></td></tr></table>
</body></html>"""
    found = blocks(html_to_markdown(page_)[0])
    assert found == [("title", "Gunners star to comeback")] + [
        ("paragraph", f"Sentence {i} of the report on the match {BODY}.") for i in range(5)
    ]


def test_text_advertisements_linked_through_an_ad_networks_click_counter_are_left_out():
    """A sidebar's text ads inside the story's container (a page of 2008): each a bold link
    through the ad network's click counter and a line after it. A paragraph whose links go
    to a shop directly, or that links through a click counter inside a sentence, or to a
    story whose address holds "adclick", is the story's."""
    ads = "".join(
        f'<b><a href="http://mercury.tiser.com.au/adclick/CID={i:04x}">{head}</a></b>\n{line}'
        "<div>&nbsp;</div>"
        for i, (head, line) in enumerate(
            [
                ("Compare Home Loans ", "Buying a new family home; find the best rates online"),
                ("Low Fee and $50 credit ", "Get a Credit Card with a credit bonus."),
                ("Love & Relationships - ", "Find a date near you on the first dating site."),
            ]
        )
    )
    shop = f'<p>The phone is <a href="https://shop.example.com/phone">sold here</a> {BODY}.</p>'
    tracked = (
        "<p>Tickets are on sale from <a href="
        '"https://ad.doubleclick.net/ddm/trackclk/N1234.ticketmaster/B2">Ticketmaster</a>.</p>'
        '<p><a href="https://news.example.com/2019/adclick-fraud">Click fraud</a> costs '
        "advertisers billions.</p>"
    )
    body = f"{paragraphs(3)}{shop}{tracked}<h4>Advertisement</h4><div class='sponsors'>{ads}</div>"
    markdown, _ = html_to_markdown(page(body))
    assert "Home Loans" not in markdown and "Credit Card" not in markdown
    assert "dating" not in markdown
    assert "[sold here](https://shop.example.com/phone)" in markdown
    # a story's sentence with a tracked link inside it, a story about click fraud: the story's
    assert "Tickets are on sale from" in markdown and "costs advertisers billions" in markdown


def test_a_paragraph_whose_random_id_holds_nav_is_kept():
    """A site that gives each paragraph a random id (Vox: "z1g0Cs", "m6vJQd"): the extractor
    leaves out any paragraph whose id holds "Nav", so a film's review with the id "NavzzU"
    was lost. A short line with such an id (a site's menu) is still the extractor's to judge."""
    review = (
        "Winner of the Palme d’Or at the 2017 Cannes Film Festival, The Square is a hilariously"
        " needling comedy about the contemporary art world, as well as the kind of idealistic"
        " liberalism that is tough to maintain in the face of real problems."
    )
    ids = ["z1g0Cs", "m6vJQd", "NavzzU", "rRIM9r"]
    body = "".join(
        f'<p id="{i}">{review if i == "NavzzU" else f"Paragraph {n} of the story {BODY}."}</p>'
        for n, i in enumerate(ids)
    )
    markdown, _ = html_to_markdown(page(body + '<p id="navmenu">Home News Sport</p>'))
    assert review in markdown
    assert "Home News Sport" not in markdown


def test_line_breaks_and_bold_type_drawn_by_a_style_sheet_are_read_as_such():
    """The Times of India's markup: a subhead is a ``<span class="strong">`` between two
    empty ``<span class="id-r-component br">``, and the text runs on after them; the subhead
    ran into the paragraph with no space ("Kaimur Hillsin Sidhi district")."""
    br = '<span class="id-r-component br"></span>'
    story = (
        f'<div>{paragraphs(2)}{br}<span class="strong">Newborn Girl Found Near Kaimur Hills'
        f"</span>{br}{br}In Sidhi district, yet another {BODY}.{br}{br}Then another {BODY}."
        "</div>"
    )
    found = blocks(html_to_markdown(page(story))[0])
    assert ("subhead", "Newborn Girl Found Near Kaimur Hills") in found
    assert ("paragraph", f"In Sidhi district, yet another {BODY}.") in found


def test_a_page_whose_html_tag_is_written_closed_is_read():
    """A page saved with its first lines garbled (``<html xmogo.jpg" alt="…" />``: a logo's
    tag run into the ``<html>`` tag): the parser ends the document at a ``<html/>``, so the
    whole page was lost and refused; a browser ignores the slash, and so does the import."""
    garbled = page(paragraphs(3)).replace(
        "<html>", '<html xmogo.jpg" alt="Free Submission" width="145" border="0" />', 1
    )
    markdown, _ = html_to_markdown(garbled)
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 3


def test_a_pages_body_opened_by_an_unknown_tag_in_its_head_is_read():
    """An element the head cannot hold (a garbled ``<mbox>`` after the head's meta tags, the
    page's ``<body>`` lost) starts the body, as a browser reads it; the parser kept the whole
    page inside the head, and of a story laid out in a table one line was read (a real page
    of 2008 was refused: nothing found)."""
    story = "<br><br>".join(f"Sentence {i} of the report on the storm {BODY}." for i in range(5))
    garbled = f"""<!DOCTYPE html><html><head><title>Storm hits the coast | Daily</title>
<meta name="robots" content="all"><mbox><table><tr><td><div class="searchbox">Search</div>
</td></tr><tr><td><b>Storm hits the coast</b><br><br>{story}</td></tr></table></html>"""
    markdown, _ = html_to_markdown(garbled)
    assert [r for r, _ in blocks(markdown)] == ["title"] + ["paragraph"] * 5


def test_a_story_laid_out_in_a_table_beside_a_sidebar_of_lines_is_not_lost():
    """The extractor deletes every table before it looks for the article (its tables are left
    out), so a story laid out in a table was lost and a sidebar of 33 short lines taken for it
    (a betting site's page of 2008). Where the text found is all short lines, the page is read
    again with its tables of layout as ``div``s."""
    lines = [
        f"{sport} {kind}"
        for kind in ("Odds", "Tips", "Betting")
        for sport in "Football Racing Tennis Golf Cricket Rugby Snooker Darts Boxing Cycling Poker".split()
    ]
    side = "".join(
        f'<p><a href="/x{i}"><img src="/b{i}.gif"></a>{t}</p>' for i, t in enumerate(lines)
    )
    story = "".join(f"<p>Sentence {i} of the report on the match {BODY}.</p>" for i in range(6))
    markdown, _ = html_to_markdown(
        f"""<!DOCTYPE html><html><head><title>Hewitt through after a convincing win</title>
</head><body><div id="main_content"><div class="border">{side}</div></div>
<div id="main_content2"><div class="header">Hewitt through after a convincing win</div>
<table border="0"><tbody><tr><td valign="top"><div class="text">{story}</div></td></tr>
</tbody></table></div></body></html>"""
    )
    found = blocks(markdown)
    assert [r for r, _ in found] == ["title"] + ["paragraph"] * 6
    assert "Football Odds" not in markdown


def test_a_list_articles_items_below_its_introductions_wrapper_are_kept():
    """A list article ("The best gadgets"): its introduction's paragraphs in a wrapper of
    their own, its items below (a heading, a short line, a list each), none of the article's
    paragraph shape. The element that holds the paragraphs is not all of the article: what
    the page marks as the article (``<article>``, ``itemprop="articleBody"``) is, and the
    items are kept."""
    items = "".join(
        f"<h2>Item {i}: the best gadget number {i}</h2><p>Price $99 at Amazon</p>"
        "<ul><li>Battery 10 hours</li><li>Weight 1.2 kg</li></ul>"
        for i in range(5)
    )
    for opened, closed in [("<article>", "</article>"), ('<div itemprop="articleBody">', "</div>")]:
        markdown, _ = html_to_markdown(
            f"""<!DOCTYPE html><html><head><title>The best gadgets | Daily</title></head><body>
<h1>The best gadgets</h1>{opened}<div class="intro">{paragraphs(3)}</div>
<div class="items">{items}</div>{closed}</body></html>"""
        )
        assert markdown.count("Item ") == 5 and markdown.count("Battery 10 hours") == 5
