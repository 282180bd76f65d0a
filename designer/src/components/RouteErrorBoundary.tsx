import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n';

interface Props {
  children: ReactNode;
  title: string;
  detail: string;
  retry: string;
}

/**
 * Each route's page inside its own boundary: a page that fails while drawing (an answer of an unexpected shape, a
 * chunk that did not load) says so in words, with what failed and a way to try again, instead of leaving the screen
 * blank; the navigation around it keeps working.
 */
class Boundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="page-error" role="alert" data-testid="page-error">
        <h1>{this.props.title}</h1>
        <p>{this.props.detail}</p>
        <p className="mono">{this.state.error.message}</p>
        <button type="button" className="primary" onClick={() => this.setState({ error: null })}>
          {this.props.retry}
        </button>
      </section>
    );
  }
}

export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  // A new path is a fresh start: an error on one page does not follow the user to the next.
  const { pathname } = useLocation();
  return (
    <Boundary key={pathname} title={t('pageFailed')} detail={t('pageFailedDetail')} retry={t('retry')}>
      {children}
    </Boundary>
  );
}
