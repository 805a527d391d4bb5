import DOMPurify from 'dompurify';

interface ArticleProps {
  title: string;
  contentHtml: string;
}

export function Article({ title, contentHtml }: ArticleProps): JSX.Element {
  // ruleid: patterns.javascript.react-dangerously-set-inner-html
  const content = <article dangerouslySetInnerHTML={{ __html: contentHtml as string }} />;
  return <section><h1>{title}</h1>{content}</section>;
}

export function Preview({ markdownHtml }: { markdownHtml: string }): JSX.Element {
  // ruleid: patterns.javascript.react-dangerously-set-inner-html
  return <div className="preview" dangerouslySetInnerHTML={{ __html: markdownHtml }}></div>;
}

export function SafeArticle({ title, contentHtml }: ArticleProps): JSX.Element {
  const clean: string = DOMPurify.sanitize(contentHtml);
  // ok: patterns.javascript.react-dangerously-set-inner-html
  const heading = <h1>{title}</h1>;
  // ok: patterns.javascript.react-dangerously-set-inner-html
  return <section>{heading}<article dangerouslySetInnerHTML={{ __html: clean }} /></section>;
}
