import React from 'react';
import DOMPurify from 'dompurify';

export function Comment({ comment }) {
  // ruleid: patterns.javascript.react-dangerously-set-inner-html
  const body = <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />;
  return (
    <li className="comment">
      <strong>{comment.author}</strong>
      {body}
    </li>
  );
}

export function SearchHeading({ query }) {
  // ruleid: patterns.javascript.react-dangerously-set-inner-html
  return <h2 dangerouslySetInnerHTML={{ __html: `Results for <em>${query}</em>` }}></h2>;
}

export function Snippet({ html }) {
  // ruleid: patterns.javascript.react-dangerously-set-inner-html
  return React.createElement('section', { className: 'snippet', dangerouslySetInnerHTML: { __html: html } });
}

export function SafeComment({ comment }) {
  // ok: patterns.javascript.react-dangerously-set-inner-html
  const body = <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.bodyHtml) }} />;
  // ok: patterns.javascript.react-dangerously-set-inner-html
  const text = <p>{comment.body}</p>;
  // ok: patterns.javascript.react-dangerously-set-inner-html
  const sep = <span dangerouslySetInnerHTML={{ __html: '&nbsp;&middot;&nbsp;' }} />;
  return <div>{body}{sep}{text}</div>;
}
